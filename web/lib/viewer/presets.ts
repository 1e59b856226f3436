// Window/level presets and the viewer's tool names: plain data shared by the server pages and the
// client components.

export interface WindowLevel {
  width: number;
  center: number;
}

export interface WindowPreset extends WindowLevel {
  id: string;
  label: string;
}

/** The usual CT windows, in Hounsfield units. */
export const CT_PRESETS: readonly WindowPreset[] = [
  { id: 'soft-tissue', label: 'Soft tissue', width: 400, center: 40 },
  { id: 'lung', label: 'Lung', width: 1500, center: -600 },
  { id: 'bone', label: 'Bone', width: 1800, center: 400 },
  { id: 'brain', label: 'Brain', width: 80, center: 40 },
];

/** The presets offered for a modality (CT's; none elsewhere, where only the file's own window applies). */
export function presetsFor(modality: string | undefined): readonly WindowPreset[] {
  return modality === 'CT' ? CT_PRESETS : [];
}

export const PRIMARY_TOOLS = ['windowLevel', 'pan', 'zoom', 'length', 'angle', 'ellipse'] as const;
export type PrimaryTool = (typeof PRIMARY_TOOLS)[number];

export const TOOL_LABELS: Record<PrimaryTool, string> = {
  windowLevel: 'Window/level',
  pan: 'Pan',
  zoom: 'Zoom',
  length: 'Length',
  angle: 'Angle',
  ellipse: 'Ellipse ROI',
};

/** The measuring tools: what they draw stays on the image until cleared. */
export const MEASURING_TOOLS: readonly PrimaryTool[] = ['length', 'angle', 'ellipse'];

/** Keyboard shortcuts (with the viewport focused) for the left-button tools. */
export const TOOL_KEYS: Record<PrimaryTool, string> = {
  windowLevel: 'w',
  pan: 'p',
  zoom: 'z',
  length: 'l',
  angle: 'a',
  ellipse: 'e',
};

/** The tool keys as a focused viewport's label tells them: "W, P, Z, L, A, E". */
export const TOOL_KEY_LIST = PRIMARY_TOOLS.map((tool) => TOOL_KEYS[tool].toUpperCase()).join(', ');

export const formatWindow = (window: WindowLevel | undefined) =>
  window === undefined ? '—' : `W ${Math.round(window.width)} / L ${Math.round(window.center)}`;
