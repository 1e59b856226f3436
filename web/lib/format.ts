/** A byte count for people: 1 KB = 1000 bytes (as disks and networks count), one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A DICOM date as people read it, 2026-01-30: DA is YYYYMMDD, and files from the ACR-NEMA days
 * write YYYY.MM.DD (PS3.5 6.2, the older form). Anything else is shown as it is.
 */
export function formatDicomDate(date: string | undefined): string {
  const parts = date === undefined ? null : /^(\d{4})(?:(\d{2})(\d{2})|\.(\d{2})\.(\d{2}))$/.exec(date.trim());
  if (parts === null) return date ?? '';
  const [, year, month = parts[4], day = parts[5]] = parts;
  return `${year}-${month}-${day}`;
}
