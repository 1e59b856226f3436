// What the stack viewer and the comparison share: the left-button tool group, the window presets
// group, and the keys a focused viewport answers to (Tab leaving it, the MPR planes' too).
import type { KeyboardEvent } from 'react';
import { PRIMARY_TOOLS, TOOL_KEYS, TOOL_LABELS, type PrimaryTool, type WindowPreset } from './presets';
import styles from './viewer.module.css';

/** Which tool the left mouse button drives (its key, TOOL_KEYS, with the viewport focused). */
export function ToolButtons({
  tool,
  disabled,
  onChoose,
}: {
  tool: PrimaryTool;
  disabled: boolean;
  onChoose: (tool: PrimaryTool) => void;
}) {
  return (
    <div role="group" aria-label="Left mouse button" className={styles.group}>
      {PRIMARY_TOOLS.map((one) => (
        <button
          key={one}
          type="button"
          aria-pressed={tool === one}
          aria-keyshortcuts={TOOL_KEYS[one]}
          disabled={disabled}
          onClick={() => onChoose(one)}
        >
          {TOOL_LABELS[one]}
        </button>
      ))}
    </div>
  );
}

/** Removes what the measuring tools drew (C with the viewport focused). */
export function ClearMeasurementsButton({ disabled, onClear }: { disabled: boolean; onClear: () => void }) {
  return (
    <button type="button" disabled={disabled} onClick={onClear} aria-keyshortcuts="c">
      Clear measurements
    </button>
  );
}

/** The file's own window, then the modality's presets. */
export function PresetButtons({
  label,
  presets,
  disabled,
  onApply,
}: {
  label: string;
  presets: readonly WindowPreset[];
  disabled: boolean;
  onApply: (window: WindowPreset | 'file') => void;
}) {
  return (
    <div role="group" aria-label={label} className={styles.group}>
      <button type="button" disabled={disabled} onClick={() => onApply('file')}>
        File default
      </button>
      {presets.map((preset) => (
        <button
          key={preset.id}
          type="button"
          disabled={disabled}
          title={`W ${preset.width} / L ${preset.center}`}
          onClick={() => onApply(preset)}
        >
          {preset.label}
        </button>
      ))}
    </div>
  );
}

/**
 * A focused viewport's keys: arrows step one image, Page Up/Down a tenth of the stack, Home/End
 * its ends, the tools' keys (TOOL_KEYS), and `extra` (R to reset…). Modified keys are left to the browser.
 */
export function onViewerKey(
  event: KeyboardEvent<HTMLDivElement>,
  count: number,
  actions: {
    step: (delta: number) => void;
    jump: (index: number) => void;
    choose: (tool: PrimaryTool) => void;
    extra?: Record<string, () => void>;
  },
): void {
  const page = Math.max(1, Math.round(count / 10));
  const keys: Record<string, () => void> = {
    ArrowDown: () => actions.step(1),
    ArrowRight: () => actions.step(1),
    ArrowUp: () => actions.step(-1),
    ArrowLeft: () => actions.step(-1),
    PageDown: () => actions.step(page),
    PageUp: () => actions.step(-page),
    Home: () => actions.jump(0),
    End: () => actions.jump(count - 1),
    ...Object.fromEntries(PRIMARY_TOOLS.map((one) => [TOOL_KEYS[one], () => actions.choose(one)])),
    ...actions.extra,
  };
  const action = event.altKey || event.ctrlKey || event.metaKey ? undefined : keys[event.key];
  if (action === undefined) return;
  event.preventDefault();
  action();
}

/**
 * For a viewport's onKeyDownCapture: Cornerstone's own keydown listener on the element cancels
 * every key, Tab too, which trapped the keyboard in the image (WCAG 2.1.2). Tab is stopped on its
 * way down, before it reaches that listener, and moves the focus on as anywhere else.
 */
export function letTabLeave(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.key === 'Tab') event.stopPropagation();
}
