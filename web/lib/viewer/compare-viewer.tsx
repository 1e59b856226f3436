'use client';

// One series at two versions side by side: two stack viewports scrolled together through the
// union of their images (matched by SOP Instance UID and frame), window/level kept in step, and
// an image present on one side only marked as such on the other.
import type * as CornerstoneRuntime from './cornerstone';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { fetchFrame } from './frames';
import { loadSeries, ViewerError } from './load-series';
import { loadRuntime } from './runtime';
import { formatWindow, presetsFor, type PrimaryTool, type WindowLevel } from './presets';
import { ClearMeasurementsButton, PresetButtons, ToolButtons, letTabLeave, onViewerKey } from './toolbar';
import { alignStacks, type CompareRow, type SeriesStack } from './series-stack';
import styles from './viewer.module.css';

type Runtime = typeof CornerstoneRuntime;
type StackView = InstanceType<Runtime['StackView']>;
type Side = 'from' | 'to';
const SIDES: Side[] = ['from', 'to'];

export interface CompareSide {
  /** The version's name as asked (branch, tag or commit). */
  ref: string;
  /** WADO-RS URL of the series at that version; undefined when the series is not there. */
  seriesUrl: string | undefined;
}

export interface CompareViewerProps {
  from: CompareSide;
  to: CompareSide;
  slice: number | undefined;
  label: string;
}

const EMPTY: SeriesStack = {
  entries: [],
  instances: new Map(),
  modality: undefined,
  skipped: 0,
  volumeRefusal: 'none',
};

const sameWindow = (a: WindowLevel | undefined, b: WindowLevel | undefined) =>
  a !== undefined && b !== undefined && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.center - b.center) < 0.5;

export function CompareViewer({ from, to, slice, label }: CompareViewerProps) {
  const id = useId().replace(/[^A-Za-z0-9]/g, '');
  const fromRef = useRef<HTMLDivElement>(null);
  const toRef = useRef<HTMLDivElement>(null);
  const viewsRef = useRef<Partial<Record<Side, StackView>>>({});
  const toolSetRef = useRef<InstanceType<Runtime['ToolSet']> | undefined>(undefined);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [stacks, setStacks] = useState<Record<Side, SeriesStack> | undefined>(undefined);
  const [row, setRow] = useState(0);
  const [windows, setWindows] = useState<Partial<Record<Side, WindowLevel>>>({});
  const [errors, setErrors] = useState<Partial<Record<Side, string>>>({});
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const rowRef = useRef(0);
  /** The slice the page opened at (the address bar follows the user's scrolling afterwards). */
  const sliceRef = useRef(slice);
  const fromUrl = from.seriesUrl;
  const toUrl = to.seriesUrl;
  const urlTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sides = { from, to };

  const rows: CompareRow[] = useMemo(
    () => (stacks === undefined ? [] : alignStacks(stacks.from.entries, stacks.to.entries)),
    [stacks],
  );
  const rowsRef = useRef<CompareRow[]>([]);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);

  /** Shows row `target` on both sides (each side its image, or nothing where it has none). */
  const show = useCallback((target: number, writeUrl = true) => {
    const all = rowsRef.current;
    if (all.length === 0) return;
    const next = Math.min(all.length - 1, Math.max(0, target));
    rowRef.current = next;
    setRow(next);
    const current = all[next]!;
    for (const side of SIDES) {
      const index = current[side];
      if (index !== undefined) void viewsRef.current[side]?.go(index);
    }
    if (writeUrl) {
      clearTimeout(urlTimerRef.current);
      urlTimerRef.current = setTimeout(() => {
        const url = new URL(window.location.href);
        url.searchParams.set('slice', String(next + 1));
        window.history.replaceState(null, '', url);
      }, 150);
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    let cancelled = false;
    const hosts = { from: fromRef.current, to: toRef.current };
    if (hosts.from === null || hosts.to === null) return;
    (async () => {
      const load = (seriesUrl: string | undefined) =>
        seriesUrl === undefined ? Promise.resolve(EMPTY) : loadSeries(seriesUrl, controller.signal);
      const [cs, fromStack, toStack] = await Promise.all([loadRuntime(), load(fromUrl), load(toUrl)]);
      if (cancelled) return;
      const loaded = { from: fromStack, to: toStack };
      if (fromStack.entries.length === 0 && toStack.entries.length === 0) {
        throw new ViewerError('Neither version of the series has images.');
      }
      const aligned = alignStacks(fromStack.entries, toStack.entries);
      rowsRef.current = aligned;
      const first = Math.min(aligned.length - 1, Math.max(0, (sliceRef.current ?? 1) - 1));
      rowRef.current = first;
      cs.initCornerstone();
      const engine = cs.createEngine(`compare-${id}`, cs.stacksOnCpu());
      const tools = new cs.ToolSet(`compare-${id}-tools`, false);
      toolSetRef.current = tools;
      setStacks(loaded);
      setRow(first);
      const starts: Promise<void>[] = [];
      for (const side of SIDES) {
        const host = hosts[side]!;
        const stack = loaded[side];
        const view = new cs.StackView(engine, host, `compare-${id}-${side}`, tools, {
          onWindow: (window) => {
            setWindows((current) => ({ ...current, [side]: window }));
            const other = viewsRef.current[side === 'from' ? 'to' : 'from'];
            if (other !== undefined && !sameWindow(other.window, window)) other.setWindow(window);
          },
          onError: (index, message) =>
            setErrors((current) => ({ ...current, [side]: `Image ${index + 1} cannot be shown. ${message}` })),
          onIndex: () => setErrors((current) => ({ ...current, [side]: undefined })),
        });
        viewsRef.current[side] = view;
        if (stack.entries.length === 0) continue;
        const ids = cs.registerEntries(stack.entries, stack.instances);
        // Where this side starts: the first row's image, or the nearest one it has.
        const mine = aligned.slice(first).find((one) => one[side] !== undefined)?.[side] ?? 0;
        starts.push(
          fetchFrame(stack.entries[mine]!.frameUrl, controller.signal).then(async (frame) => {
            if (frame !== undefined) cs.providePrefetchedFrame(ids[mine]!, frame);
            await view.load(ids, mine).catch((error: unknown) => {
              const message = error instanceof Error ? error.message : String(error);
              setErrors((current) => ({ ...current, [side]: `Image ${mine + 1} cannot be shown. ${message}` }));
            });
          }),
        );
      }
      await Promise.all(starts);
      cs.forgetPrefetchedFrames();
      if (!cancelled) setPhase('ready');
    })().catch((error: unknown) => {
      if (cancelled) return;
      setPhase('failed');
      setFailure(error instanceof Error ? error.message : String(error));
    });
    const resize = () => {
      for (const view of Object.values(viewsRef.current)) view?.engine.resize(true, true);
    };
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(resize);
    for (const host of Object.values(hosts)) if (host !== null) observer?.observe(host);
    return () => {
      cancelled = true;
      controller.abort();
      observer?.disconnect();
      clearTimeout(urlTimerRef.current);
      const engine = viewsRef.current.from?.engine ?? viewsRef.current.to?.engine;
      for (const side of SIDES) viewsRef.current[side]?.destroy();
      viewsRef.current = {};
      toolSetRef.current?.destroy();
      engine?.destroy();
    };
  }, [id, fromUrl, toUrl]);

  // The wheel scrolls both sides through the union of their images.
  useEffect(() => {
    const hosts = [fromRef.current, toRef.current];
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY === 0) return;
      event.preventDefault();
      show(rowRef.current + Math.sign(event.deltaY));
    };
    for (const host of hosts) host?.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      for (const host of hosts) host?.removeEventListener('wheel', onWheel);
    };
  }, [show]);

  const count = rows.length;
  const ready = phase === 'ready';
  const current = rows[row];
  const presets = presetsFor(stacks?.to.modality ?? stacks?.from.modality);
  const onlyIn = (side: Side) =>
    rows.filter((one) => one[side] !== undefined && one[side === 'from' ? 'to' : 'from'] === undefined).length;

  const choose = (next: PrimaryTool) => {
    toolSetRef.current?.setPrimary(next);
    setTool(next);
  };
  const applyWindow = (window: WindowLevel | 'file') => {
    for (const side of SIDES) {
      const view = viewsRef.current[side];
      if (view === undefined) continue;
      if (window === 'file') view.resetWindow();
      else view.setWindow(window);
    }
  };
  const clearMeasurements = () => {
    for (const side of SIDES) viewsRef.current[side]?.clearMeasurements();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) =>
    onViewerKey(event, count, {
      step: (delta) => show(row + delta),
      jump: show,
      choose,
      extra: { c: clearMeasurements },
    });

  const sliderId = `${id}-row`;
  return (
    <section className={styles.viewer} aria-label="Comparison" data-phase={phase} data-index={row} data-count={count}>
      <div className={styles.toolbar}>
        <ToolButtons tool={tool} disabled={!ready} onChoose={choose} />
        <PresetButtons label="Window presets (both sides)" presets={presets} disabled={!ready} onApply={applyWindow} />
        <ClearMeasurementsButton disabled={!ready} onClear={clearMeasurements} />
        <p className={styles.muted} data-testid="compare-summary">
          {ready || count > 0
            ? `${count} images: ${onlyIn('from')} only in ${from.ref}, ${onlyIn('to')} only in ${to.ref}.`
            : 'Loading both versions…'}
        </p>
      </div>
      {failure !== undefined && (
        <p className={styles.failure} role="alert">
          <strong>The comparison cannot be shown.</strong> {failure}
        </p>
      )}
      <div className={styles.compare}>
        {SIDES.map((side) => {
          const other = side === 'from' ? 'to' : 'from';
          const missing = current !== undefined && current[side] === undefined;
          return (
            <figure key={side} className={styles.side} data-side={side} data-missing={missing}>
              <figcaption>
                <strong>{side === 'from' ? 'From' : 'To'}</strong> <code>{sides[side].ref}</code>{' '}
                {current !== undefined && current[other] === undefined && (
                  <span className={styles.badge}>only in {sides[side].ref}</span>
                )}{' '}
                <span className={styles.muted} data-testid={`window-${side}`}>
                  {formatWindow(windows[side])}
                </span>
              </figcaption>
              <div className={styles.stage}>
                {/* A slider over the images both sides share (its keys scroll both), drawn as an image. */}
                <div
                  ref={side === 'from' ? fromRef : toRef}
                  className={styles.viewport}
                  tabIndex={0}
                  role="slider"
                  aria-roledescription="image viewport"
                  aria-orientation="vertical"
                  aria-valuemin={1}
                  aria-valuemax={Math.max(1, count)}
                  aria-valuenow={row + 1}
                  aria-valuetext={`Image ${row + 1} of ${count}${missing ? ', not in this version' : ''}`}
                  aria-label={`${label} at ${sides[side].ref}`}
                  onKeyDown={onKeyDown}
                  onKeyDownCapture={letTabLeave}
                  onContextMenu={(event) => event.preventDefault()}
                />
                {missing && (
                  <div className={styles.missing} role="note">
                    Not in {sides[side].ref}: this image is only in {sides[other].ref}.
                  </div>
                )}
                {sides[side].seriesUrl === undefined && !missing && (
                  <div className={styles.missing} role="note">
                    The series is not in {sides[side].ref}.
                  </div>
                )}
                {errors[side] !== undefined && (
                  <div className={`${styles.overlay} ${styles.failure}`} role="alert">
                    {errors[side]}
                  </div>
                )}
              </div>
            </figure>
          );
        })}
      </div>
      <div className={styles.status}>
        <label htmlFor={sliderId}>Image</label>
        <input
          id={sliderId}
          type="range"
          min={1}
          max={Math.max(1, count)}
          value={row + 1}
          disabled={!ready || count < 2}
          aria-valuetext={`Image ${row + 1} of ${count}`}
          onChange={(event) => show(Number(event.target.value) - 1)}
        />
        <output htmlFor={sliderId} data-testid="slice-position">
          {count === 0 ? '—' : `${row + 1} / ${count}`}
        </output>
      </div>
    </section>
  );
}
