import { useCallback, useEffect, useState } from 'react';
import type { Settings } from '../../../core/api/contract.js';
import { useApi } from '../api/api-context.js';

/** What the renderer assumes until the backend answers: nobody set, sequential reading on (the backend's defaults). */
export const DEFAULT_SETTINGS: Settings = { reviewer: null, sequentialReading: true };

export interface SettingsState {
  /** The backend's defaults until it has answered (`loaded`). */
  readonly settings: Settings;
  readonly loaded: boolean;
  readonly error: string | null;
  /** Save through the backend; resolves to the settings it kept, or null when it refused. */
  save(next: Settings): Promise<Settings | null>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Who is at the workstation and how they read: loaded once, saved through the backend. */
export function useSettings(): SettingsState {
  const api = useApi();
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.getSettings({}).then(
      (s) => {
        setSettings(s);
        setLoaded(true);
      },
      (e: unknown) => setError(`Settings could not be read: ${describe(e)}`),
    );
  }, [api]);

  const save = useCallback(
    async (next: Settings): Promise<Settings | null> => {
      try {
        const kept = await api.saveSettings({ settings: next });
        setSettings(kept);
        setLoaded(true);
        setError(null);
        return kept;
      } catch (e) {
        setError(`Settings not saved: ${describe(e)}`);
        return null;
      }
    },
    [api],
  );

  return { settings, loaded, error, save };
}
