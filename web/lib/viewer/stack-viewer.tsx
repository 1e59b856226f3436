'use client';

// The viewer's canvas and toolbar: one series as a stack (every frame an image), scrolled by
// wheel, keys and a slider; window/level by drag and presets; zoom, pan, length; cine for
// multi-frame objects; orthogonal planes (MPR) for CT and MR volumes. Everything else on the
// page (titles, series facts, refusals) is rendered on the server.
import type * as CornerstoneRuntime from './cornerstone';
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { fetchFrame } from './frames';
import { loadSeries, ViewerError } from './load-series';
import { loadRuntime } from './runtime';
import { formatWindow, presetsFor, TOOL_KEY_LIST, type PrimaryTool, type WindowLevel } from './presets';
import { ClearMeasurementsButton, PresetButtons, ToolButtons, letTabLeave, onViewerKey } from './toolbar';
import { framesPerSecond, initialIndex, type DeepLink, type SeriesStack } from './series-stack';
import { ImageComment, type ImageCommentProps } from './image-comment';
import { MprPanel, type MprPanelProps } from './mpr-panel';
import styles from './viewer.module.css';

type Runtime = typeof CornerstoneRuntime;
type Phase = 'loading' | 'ready' | 'failed';

export type { DeepLink } from './series-stack';

export interface StackViewerProps {
  /** The WADO-RS URL of the series on this origin (/dicomweb/{owner}/{name}/@{ref}/studies/…/series/…). */
  seriesUrl: string;
  link: DeepLink;
  /** What the viewport is, for people using a screen reader: "CT series 2 (Chest)". */
  label: string;
  /** Where a comment on the image shown goes (its anchor's commit and series); none: no such form. */
  comment?: Omit<ImageCommentProps, 'image'> | undefined;
}

/** Marks the first image on screen (the e2e test reads it against navigation start). */
function markFirstImage() {
  if (performance.getEntriesByName('viewer:first-image').length === 0) performance.mark('viewer:first-image');
}

/** The browser's online state, as an external store. */
function subscribeOnline(changed: () => void): () => void {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

const isOffline = () => !navigator.onLine;

/** Writes the slice shown into the address bar, so every slice has a deep link. */
function linkSlice(index: number) {
  const url = new URL(window.location.href);
  url.searchParams.set('slice', String(index + 1));
  url.searchParams.delete('instance');
  url.searchParams.delete('frame');
  window.history.replaceState(null, '', url);
}

export function StackViewer({ seriesUrl, link, label, comment }: StackViewerProps) {
  const id = useId().replace(/[^A-Za-z0-9]/g, '');
  const elementRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<InstanceType<Runtime['StackView']> | undefined>(undefined);
  const toolSetRef = useRef<InstanceType<Runtime['ToolSet']> | undefined>(undefined);
  const engineRef = useRef<ReturnType<Runtime['createEngine']> | undefined>(undefined);
  const [series, setSeries] = useState<SeriesStack | undefined>(undefined);
  const [imageIds, setImageIds] = useState<string[]>([]);
  const [phase, setPhase] = useState<Phase>('loading');
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [imageError, setImageError] = useState<{ index: number; message: string } | undefined>(undefined);
  const [index, setIndex] = useState(0);
  const [window_, setWindow] = useState<WindowLevel | undefined>(undefined);
  const [tool, setTool] = useState<PrimaryTool>('windowLevel');
  const [playing, setPlaying] = useState(false);
  const [mode, setMode] = useState<'stack' | 'mpr'>('stack');
  const offline = useSyncExternalStore(subscribeOnline, isOffline, () => false);
  const [runtime, setRuntime] = useState<Runtime | undefined>(undefined);
  const [webGl, setWebGl] = useState(true);
  const [cpu, setCpu] = useState(false);
  const mprRef = useRef<Parameters<MprPanelProps['onReady']>[0]>(undefined);
  const [mprReady, setMprReady] = useState(false);
  const urlTimerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const shownIndexRef = useRef<number | undefined>(undefined);
  const linkRef = useRef(link);

  useEffect(() => {
    const controller = new AbortController();
    const host = elementRef.current;
    if (host === null) return;
    let cancelled = false;
    (async () => {
      performance.mark('viewer:start');
      const runtimeLoaded = loadRuntime().then((module) => (performance.mark('viewer:runtime'), module));
      const seriesLoaded = loadSeries(seriesUrl, controller.signal).then((loaded) => {
        performance.mark('viewer:metadata');
        return loaded;
      });
      // The first image's frame is fetched while Cornerstone's code still loads.
      const firstFrame = seriesLoaded
        .then((loaded) => {
          const entry = loaded.entries[initialIndex(loaded.entries, linkRef.current)];
          return entry === undefined ? undefined : fetchFrame(entry.frameUrl, controller.signal);
        })
        .then((frame) => (performance.mark('viewer:frame'), frame))
        .catch(() => undefined);
      const [cs, stack] = await Promise.all([runtimeLoaded, seriesLoaded]);
      if (cancelled) return;
      if (stack.entries.length === 0) {
        throw new ViewerError(
          stack.skipped > 0
            ? `This series has no images: its ${stack.skipped} object(s) have no pixel data (reports, plans, waveforms…).`
            : 'This series has no instances at this version.',
        );
      }
      cs.initCornerstone();
      performance.mark('viewer:init');
      setRuntime(cs);
      setWebGl(cs.volumesPossible());
      const cpu = cs.stacksOnCpu();
      setCpu(cpu);
      const rendering = cs.createEngine(`viewer-${id}`, cpu);
      engineRef.current = rendering;
      const tools = new cs.ToolSet(`viewer-${id}-tools`);
      toolSetRef.current = tools;
      const ids = cs.registerEntries(stack.entries, stack.instances);
      const start = initialIndex(stack.entries, linkRef.current);
      shownIndexRef.current = start;
      setSeries(stack);
      setImageIds(ids);
      setIndex(start);
      const stackView = new cs.StackView(rendering, host, `viewer-${id}-stack`, tools, {
        onIndex: (shown) => {
          setIndex(shown);
          setImageError((error) => (error?.index === shown ? error : undefined));
          if (shownIndexRef.current === shown) return;
          shownIndexRef.current = shown;
          clearTimeout(urlTimerRef.current);
          urlTimerRef.current = setTimeout(() => linkSlice(shown), 150);
        },
        onWindow: setWindow,
        onRendered: markFirstImage,
        onError: (failed, message) => setImageError({ index: failed, message }),
      });
      viewRef.current = stackView;
      const frame = await firstFrame;
      if (cancelled) return;
      if (frame !== undefined && ids[start] !== undefined) cs.providePrefetchedFrame(ids[start], frame);
      performance.mark('viewer:set-stack');
      try {
        await stackView.load(ids, start);
      } catch (error) {
        // The first image failed (a corrupt or unsupported frame): say so; the others may still show.
        if (!cancelled)
          setImageError({ index: start, message: error instanceof Error ? error.message : String(error) });
      } finally {
        cs.forgetPrefetchedFrames();
      }
      if (!cancelled) setPhase('ready');
    })().catch((error: unknown) => {
      if (cancelled) return;
      setPhase('failed');
      setFailure(
        error instanceof ViewerError || error instanceof Error
          ? error.message
          : `The viewer could not start (${String(error)}).`,
      );
    });
    return () => {
      cancelled = true;
      controller.abort();
      clearTimeout(urlTimerRef.current);
      viewRef.current?.destroy();
      viewRef.current = undefined;
      toolSetRef.current?.destroy();
      toolSetRef.current = undefined;
      engineRef.current?.destroy();
      engineRef.current = undefined;
    };
  }, [seriesUrl, id]);

  // Cornerstone sizes its canvas from the element: follow the layout.
  useEffect(() => {
    const host = elementRef.current;
    if (host === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => engineRef.current?.resize(true, true));
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const count = imageIds.length;
  const ready = phase === 'ready';
  /** Whether the toolbar acts: on the stack once shown, on the planes once loaded. */
  const controls = ready && (mode === 'stack' || mprReady);
  const entry = series?.entries[index];
  const presets = presetsFor(series?.modality);
  const multiFrame = series?.entries.some((one) => one.frames > 1) ?? false;

  const go = useCallback((target: number) => void viewRef.current?.go(target), []);
  const scroll = useCallback((delta: number) => void viewRef.current?.scroll(delta), []);

  const choose = useCallback((next: PrimaryTool) => {
    toolSetRef.current?.setPrimary(next);
    setTool(next);
  }, []);

  const togglePlay = useCallback(() => {
    const current = viewRef.current;
    if (current === undefined) return;
    if (playing) {
      current.stop();
      setPlaying(false);
    } else {
      const json = entry === undefined ? undefined : series?.instances.get(entry.sopInstanceUid);
      current.play(framesPerSecond(json));
      setPlaying(true);
    }
  }, [playing, entry, series]);

  const reset = useCallback(() => {
    if (mode === 'mpr') {
      mprRef.current?.reset();
      return;
    }
    viewRef.current?.reset();
    setImageError(undefined);
  }, [mode]);

  const clearMeasurements = useCallback(() => {
    (mode === 'mpr' ? mprRef.current : viewRef.current)?.clearMeasurements();
  }, [mode]);

  /** A preset (or the file's own window) on what is shown: the stack, or the planes. */
  const applyWindow = useCallback(
    (window: WindowLevel | 'file') => {
      const target = mode === 'mpr' ? mprRef.current : viewRef.current;
      if (target === undefined) return;
      if (window === 'file') target.resetWindow();
      else {
        target.setWindow(window);
        if (mode === 'mpr') setWindow(window);
      }
    },
    [mode],
  );

  const onMprReady = useCallback((opened: Parameters<MprPanelProps['onReady']>[0]) => {
    mprRef.current = opened;
    setMprReady(opened !== undefined);
  }, []);

  const toggleMpr = useCallback(() => {
    if (mode === 'stack') {
      viewRef.current?.stop();
      setPlaying(false);
      setMode('mpr');
    } else {
      setMode('stack');
      setWindow(viewRef.current?.window);
      // The stack's element was hidden: give Cornerstone its size again.
      requestAnimationFrame(() => engineRef.current?.resize(true, true));
    }
  }, [mode]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) =>
      onViewerKey(event, count, { step: scroll, jump: go, choose, extra: { r: reset, c: clearMeasurements } }),
    [count, scroll, go, reset, clearMeasurements, choose],
  );

  const sliderId = `${id}-slice`;
  return (
    <section
      className={styles.viewer}
      aria-label="Image viewer"
      data-phase={phase}
      data-index={index}
      data-count={count}
      data-mode={mode}
    >
      <div className={styles.toolbar}>
        <ToolButtons tool={tool} disabled={!controls} onChoose={choose} />
        <PresetButtons label="Window presets" presets={presets} disabled={!controls} onApply={applyWindow} />
        <div role="group" aria-label="View" className={styles.group}>
          <button type="button" disabled={!controls} onClick={reset} aria-keyshortcuts="r">
            Reset
          </button>
          <ClearMeasurementsButton disabled={!controls} onClear={clearMeasurements} />
          {count > 1 && (
            <button type="button" disabled={!ready || mode !== 'stack'} aria-pressed={playing} onClick={togglePlay}>
              {playing ? 'Pause' : multiFrame ? 'Play frames' : 'Play'}
            </button>
          )}
          {series !== undefined && series.volumeRefusal === undefined && (
            <button
              type="button"
              disabled={!ready || !webGl}
              aria-pressed={mode === 'mpr'}
              title={webGl ? 'Axial, sagittal and coronal planes' : 'Needs WebGL, which this browser lacks'}
              onClick={toggleMpr}
            >
              MPR
            </button>
          )}
        </div>
      </div>

      <div className={styles.stage} hidden={mode !== 'stack'}>
        {/* A slider over the stack's slices (its keys scroll, as the wheel does), drawn as an image. */}
        <div
          ref={elementRef}
          className={styles.viewport}
          tabIndex={0}
          role="slider"
          aria-roledescription="image viewport"
          aria-orientation="vertical"
          aria-valuemin={1}
          aria-valuemax={Math.max(1, count)}
          aria-valuenow={index + 1}
          aria-valuetext={`Slice ${index + 1} of ${count}`}
          aria-label={`${label}. Arrow keys and Page Up/Down scroll; ${TOOL_KEY_LIST} choose the tool; R resets; C clears measurements.`}
          onKeyDown={onKeyDown}
          onKeyDownCapture={letTabLeave}
          onContextMenu={(event) => event.preventDefault()}
        />
        {phase === 'loading' && (
          <p className={styles.overlay} role="status">
            Loading the series…
          </p>
        )}
        {failure !== undefined && (
          <div className={`${styles.overlay} ${styles.failure}`} role="alert">
            <strong>The series cannot be shown.</strong> {failure}
          </div>
        )}
        {imageError !== undefined && failure === undefined && (
          <div className={`${styles.overlay} ${styles.failure}`} role="alert">
            <strong>
              Slice {imageError.index + 1} of {count} cannot be shown.
            </strong>{' '}
            {imageError.message}
          </div>
        )}
        {offline && (
          <p className={`${styles.overlay} ${styles.offline}`} role="alert">
            You are offline: images not yet loaded cannot be shown until the connection is back.
          </p>
        )}
      </div>

      {mode === 'mpr' && runtime !== undefined && (
        <MprPanel runtime={runtime} imageIds={imageIds} id={id} tool={tool} onReady={onMprReady} onWindow={setWindow} />
      )}

      <div className={styles.status}>
        <label htmlFor={sliderId}>Slice</label>
        <input
          id={sliderId}
          type="range"
          min={1}
          max={Math.max(1, count)}
          value={index + 1}
          disabled={!ready || count < 2 || mode !== 'stack'}
          aria-valuetext={`Slice ${index + 1} of ${count}`}
          onChange={(event) => go(Number(event.target.value) - 1)}
        />
        <output htmlFor={sliderId} data-testid="slice-position">
          {count === 0 ? '—' : `${index + 1} / ${count}`}
        </output>
        <span data-testid="window-level">{formatWindow(window_)}</span>
        {entry !== undefined && (
          <span className={styles.muted}>
            Instance {entry.instanceNumber ?? '—'}
            {entry.frames > 1 ? ` · frame ${entry.frame} of ${entry.frames}` : ''}
          </span>
        )}
        {cpu && <span className={styles.muted}>Drawn on the CPU{webGl ? '' : ' (no WebGL)'}</span>}
      </div>
      {comment !== undefined && (
        <ImageComment
          {...comment}
          image={entry === undefined ? undefined : { sopInstanceUid: entry.sopInstanceUid, frame: entry.frame }}
        />
      )}
    </section>
  );
}
