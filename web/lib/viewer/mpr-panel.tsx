'use client';

// Orthogonal planes of a CT or MR volume: three orthographic volume viewports (axial, sagittal,
// coronal) built from the frames the stack shows. Needs WebGL. The viewer's toolbar drives it.
import type * as CornerstoneRuntime from './cornerstone';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { PrimaryTool, WindowLevel } from './presets';
import { letTabLeave } from './toolbar';
import styles from './viewer.module.css';

type Runtime = typeof CornerstoneRuntime;
type MprView = Awaited<ReturnType<Runtime['MprView']['open']>>;
const PLANES = ['axial', 'sagittal', 'coronal'] as const;
const PLANE_LABELS = { axial: 'Axial', sagittal: 'Sagittal', coronal: 'Coronal' } as const;

export interface MprPanelProps {
  runtime: Runtime;
  imageIds: string[];
  id: string;
  tool: PrimaryTool;
  /** The planes, once every frame is in (undefined again when the panel closes). */
  onReady: (view: MprView | undefined) => void;
  onWindow: (window: WindowLevel) => void;
}

export function MprPanel({ runtime, imageIds, id, tool, onReady, onWindow }: MprPanelProps) {
  const axialRef = useRef<HTMLDivElement>(null);
  const sagittalRef = useRef<HTMLDivElement>(null);
  const coronalRef = useRef<HTMLDivElement>(null);
  const toolSetRef = useRef<InstanceType<Runtime['ToolSet']> | undefined>(undefined);
  const viewRef = useRef<MprView | undefined>(undefined);
  // The parent's latest callbacks, called from the effect without making it start over.
  const ready = useEffectEvent((view: MprView | undefined) => onReady(view));
  const windowed = useEffectEvent((window: WindowLevel) => onWindow(window));
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [progress, setProgress] = useState({ loaded: 0, total: imageIds.length });
  const [failure, setFailure] = useState<string | undefined>(undefined);
  /** Each plane's slice (0-based) and count, for its slider role. */
  const [slices, setSlices] = useState<readonly { index: number; count: number }[]>([]);

  useEffect(() => {
    const elements = { axial: axialRef.current, sagittal: sagittalRef.current, coronal: coronalRef.current };
    if (elements.axial === null || elements.sagittal === null || elements.coronal === null) return;
    let cancelled = false;
    const engine = runtime.createEngine(`mpr-${id}`, false);
    const tools = new runtime.ToolSet(`mpr-${id}-tools`);
    toolSetRef.current = tools;
    runtime.MprView.open(
      engine,
      elements as Record<(typeof PLANES)[number], HTMLDivElement>,
      imageIds,
      `cornerstoneStreamingImageVolume:mpr-${id}`,
      tools,
      {
        onProgress: (loaded, total) => !cancelled && setProgress({ loaded, total }),
        onWindow: (window) => !cancelled && windowed(window),
        onSlice: (plane, index, count) => {
          if (cancelled) return;
          setSlices((all) => {
            const next = [...all];
            next[plane] = { index, count };
            return next;
          });
        },
      },
    )
      .then((opened) => {
        if (cancelled) return opened.destroy();
        viewRef.current = opened;
        setPhase('ready');
        ready(opened);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setPhase('failed');
        setFailure(error instanceof Error ? error.message : String(error));
      });
    const observer =
      typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => engine.resize(true, true));
    for (const element of Object.values(elements)) if (element !== null) observer?.observe(element);
    return () => {
      cancelled = true;
      observer?.disconnect();
      ready(undefined);
      viewRef.current?.destroy();
      viewRef.current = undefined;
      tools.destroy();
      toolSetRef.current = undefined;
      engine.destroy();
    };
  }, [runtime, imageIds, id]);

  useEffect(() => toolSetRef.current?.setPrimary(tool), [tool, phase]);

  const refs = { axial: axialRef, sagittal: sagittalRef, coronal: coronalRef };
  return (
    <div className={styles.mpr} data-phase={phase}>
      <div className={styles.planes}>
        {PLANES.map((plane, index) => {
          const slice = slices[index];
          return (
            <figure key={plane} className={styles.plane}>
              {/* A slider: the keys move through the plane's slices, as the wheel does. */}
              <div
                ref={refs[plane]}
                className={styles.viewport}
                data-plane={plane}
                tabIndex={0}
                role="slider"
                aria-roledescription="image plane"
                aria-orientation="vertical"
                aria-valuemin={1}
                aria-valuemax={Math.max(1, slice?.count ?? 1)}
                aria-valuenow={(slice?.index ?? 0) + 1}
                aria-valuetext={slice === undefined ? 'Loading' : `Slice ${slice.index + 1} of ${slice.count}`}
                aria-label={`${PLANE_LABELS[plane]} plane: the wheel, arrow keys and Page Up/Down move through it.`}
                onKeyDownCapture={letTabLeave}
                onContextMenu={(event) => event.preventDefault()}
                onKeyDown={(event) => {
                  const delta = { ArrowDown: 1, ArrowRight: 1, PageDown: 5, ArrowUp: -1, ArrowLeft: -1, PageUp: -5 }[
                    event.key
                  ];
                  if (delta === undefined || viewRef.current === undefined) return;
                  event.preventDefault();
                  viewRef.current.scroll(index, delta);
                }}
              />
              <figcaption>{PLANE_LABELS[plane]}</figcaption>
            </figure>
          );
        })}
      </div>
      {phase === 'loading' && (
        <p role="status">
          Loading the volume: {progress.loaded} of {progress.total} slices…
        </p>
      )}
      {failure !== undefined && (
        <p role="alert" className={styles.failure}>
          The planes cannot be shown. {failure}
        </p>
      )}
    </div>
  );
}
