import { statfsSync } from 'node:fs';

/**
 * Operating-system file systems that look like folders but hold no patient data: their "files"
 * are live kernel state (some endless, some that block when read), so a scan never enters them.
 * Keys are the statfs(2) f_type magic numbers.
 */
const SYSTEM_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0xcafe4a11, 'bpf'],
  [0x6165676c, 'pstore'],
  [0x42494e4d, 'binfmt_misc'],
  [0x19800202, 'mqueue'],
  [0x67596969, 'rpc_pipefs'],
  [0x6e736673, 'nsfs'],
  [0x50495045, 'pipefs'],
  [0x534f434b, 'sockfs'],
  [0xf97cff8c, 'selinuxfs'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
  [0x73717368, 'configfs'],
]);

/** The name of the operating-system file system that holds `path`, or undefined for an ordinary disk. */
export function systemFileSystemOf(path: string): string | undefined {
  let type: number;
  try {
    type = Number(statfsSync(path).type);
  } catch {
    return undefined; // statfs is not available everywhere (Windows); the per-file checks still apply.
  }
  return SYSTEM_FILE_SYSTEMS.get(type >>> 0);
}
