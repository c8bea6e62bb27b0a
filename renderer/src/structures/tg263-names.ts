/**
 * Common structure names from AAPM Task Group 263 (Mayo et al., "American Association of Physicists
 * in Medicine Task Group 263: Standardizing Nomenclatures in Radiation Oncology", IJROBP 2018),
 * offered as the user types a new name. The list is a convenience, not a rule: any name is
 * accepted. Laterality is a suffix (_L, _R); target volumes keep the TG-263 stems (GTV, CTV, PTV,
 * ITV) with a suffix for the dose level or lesion.
 */
export interface Tg263Name {
  readonly name: string;
  /** RT ROI Interpreted Type (3006,00A4) the name usually carries. */
  readonly type: string;
}

const organs = (type: string, names: readonly string[]): Tg263Name[] => names.map((name) => ({ name, type }));

export const TG263_NAMES: readonly Tg263Name[] = [
  ...organs('GTV', ['GTV', 'GTV_1', 'GTV_2', 'GTV_3', 'GTVp', 'GTVn']),
  ...organs('CTV', ['CTV', 'CTV_High', 'CTV_Low', 'CTVp', 'CTVn']),
  ...organs('PTV', ['PTV', 'PTV_High', 'PTV_Low', 'PTV_Eval', 'PTVp', 'PTVn']),
  ...organs('ITV', ['ITV']),
  ...organs('EXTERNAL', ['External', 'Body']),
  ...organs('AVOIDANCE', ['Ring', 'Ring_PTV', 'Avoid', 'z_Opt']),
  ...organs('ORGAN', [
    // Central nervous system and head.
    'Brain', 'Brainstem', 'Brainstem_PRV', 'SpinalCord', 'SpinalCord_PRV', 'OpticChiasm', 'OpticChiasm_PRV', 'OpticNrv_L', 'OpticNrv_R',
    'Eye_L', 'Eye_R', 'Lens_L', 'Lens_R', 'Retina_L', 'Retina_R', 'Cochlea_L', 'Cochlea_R', 'Hippocampus_L', 'Hippocampus_R',
    'Hippocampi', 'Pituitary', 'Lobe_Temporal_L', 'Lobe_Temporal_R', 'Cerebellum', 'Brain-GTV', 'Cavity_Oral', 'Lacrimal_L', 'Lacrimal_R',
    // Head and neck.
    'Parotid_L', 'Parotid_R', 'Glnd_Submand_L', 'Glnd_Submand_R', 'Mandible', 'Larynx', 'Pharynx', 'Musc_Constrict', 'Thyroid',
    'Esophagus', 'Lips', 'BrachialPlex_L', 'BrachialPlex_R',
    // Thorax.
    'Lung_L', 'Lung_R', 'Lungs', 'Lungs-GTV', 'Heart', 'Trachea', 'Bronchus', 'A_Aorta', 'Breast_L', 'Breast_R', 'Chestwall',
    // Abdomen and pelvis.
    'Liver', 'Kidney_L', 'Kidney_R', 'Stomach', 'Duodenum', 'Bowel', 'Bowel_Small', 'Bowel_Large', 'Spleen', 'Pancreas', 'Bladder', 'Rectum',
    'Sigmoid', 'Prostate', 'SeminalVes', 'PenileBulb', 'Femur_Head_L', 'Femur_Head_R', 'Femur_L', 'Femur_R', 'Uterus', 'Ovaries',
    'CaudaEquina', 'Bone', 'Bones',
  ]),
];

/** RT ROI Interpreted Type values the list offers (PS3.3 C.8.8.8.1; '' leaves it empty). */
export const INTERPRETED_TYPES = ['', 'GTV', 'CTV', 'PTV', 'ITV', 'ORGAN', 'AVOIDANCE', 'EXTERNAL', 'CONTROL', 'TREATED_VOLUME', 'IRRAD_VOLUME', 'CAVITY', 'SUPPORT', 'MARKER'] as const;

/** The interpreted type TG-263 suggests for a name, or '' when it is not in the list. */
export function typeForName(name: string): string {
  const exact = TG263_NAMES.find((n) => n.name.toLowerCase() === name.trim().toLowerCase());
  if (exact) return exact.type;
  const stem = /^(GTV|CTV|PTV|ITV)/i.exec(name.trim());
  return stem ? stem[1]!.toUpperCase() : '';
}
