// Cornerstone3D, set up once per page: the renderer, the tools, and the DICOM image loader whose
// decoders run in web workers (wasm codecs for JPEG, JPEG-LS, JPEG 2000 and HTJ2K). The viewer's
// components load this module with a dynamic import, so no other page downloads it, and it never
// runs on the server. Controllers here wrap Cornerstone's imperative API for the React components.
import {
  Enums as CoreEnums,
  RenderingEngine,
  cache,
  eventTarget,
  getRenderingEngine,
  getRenderingCapabilities,
  getWebWorkerManager,
  init as initCore,
  metaData,
  setUseCPURendering,
  setVolumesForViewports,
  utilities as coreUtilities,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import {
  AngleTool,
  EllipticalROITool,
  Enums as ToolEnums,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  addTool,
  annotation,
  init as initTools,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';
import { wadors } from '@cornerstonejs/dicom-image-loader';
import { takeDecodeWorker } from './decode-worker';
import type { FetchedFrame } from './frames';
import type { DicomJson, StackEntry } from './series-stack';
import { MEASURING_TOOLS, PRIMARY_TOOLS, type PrimaryTool, type WindowLevel } from './presets';

const { ViewportType, Events, OrientationAxis } = CoreEnums;
const { MouseBindings } = ToolEnums;

let initialized = false;

/** Frames fetched before Cornerstone was ready (the first image), by image id: decoded from here, not fetched again. */
const prefetched = new Map<string, FetchedFrame>();

/** Hands the loader a frame already fetched; it is decoded (in a worker) without another request. */
export function providePrefetchedFrame(imageId: string, frame: FetchedFrame): void {
  prefetched.set(imageId, frame);
}

export function forgetPrefetchedFrames(): void {
  prefetched.clear();
}

/** Renderer (WebGL, or the CPU where there is none), tools, image loader. */
let initFailure: Error | undefined;

/** Sets Cornerstone up once (a failure is thrown again to every later caller). */
export function initCornerstone(): void {
  if (initFailure !== undefined) throw initFailure;
  if (initialized) return;
  initialized = true;
  try {
    setUp();
  } catch (error) {
    initFailure = error instanceof Error ? error : new Error(String(error));
    throw initFailure;
  }
}

function setUp(): void {
  // What the loader's init does, less its own worker: the one started early decodes (WADO-RS only).
  wadors.register({});
  getWebWorkerManager().registerWorker('dicomImageLoader', takeDecodeWorker, {
    // Decoding runs in web workers; one per two cores keeps the page responsive.
    maxWorkerInstances: Math.max(1, Math.min(4, Math.floor((navigator.hardwareConcurrency || 2) / 2))),
  });
  initCore();
  // The loader's frame registry (COMPRESSED_FRAME_DATA) is asked before the network.
  metaData.addProvider((type: string, query: unknown) => {
    if (type !== 'compressedFrameData' || typeof query !== 'string') return undefined;
    const frame = prefetched.get(query);
    return frame === undefined
      ? undefined
      : { transferSyntaxUid: frame.transferSyntaxUid, pixelData: frame.bytes, frameOfInterest: 0, frameNumber: 1 };
  }, 10_000);
  initTools();
  swallowReportedLoadFailures();
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, EllipticalROITool]) {
    addTool(tool);
  }
}

/**
 * Cornerstone's image cache re-throws a failed load from a promise nobody awaits
 * (`cache.putImageLoadObject` in `loadAndCacheImage`), so every frame that fails to decode would
 * also surface as an unhandled rejection. The failure itself is reported (IMAGE_LOAD_FAILED) and
 * shown in words by the viewer; exactly those reasons are marked handled, nothing else.
 */
function swallowReportedLoadFailures(): void {
  const reported = new Set<unknown>();
  eventTarget.addEventListener(Events.IMAGE_LOAD_FAILED, (event: Event) => {
    const error = ((event as CustomEvent).detail as { error?: unknown } | undefined)?.error;
    if (error === undefined) return;
    reported.add(error);
    // The rejection follows within the same turn; forget it after that.
    setTimeout(() => reported.delete(error), 10_000);
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (reported.has(event.reason)) event.preventDefault();
  });
}

/** The image ids of stack entries (wadors: + the frame's absolute URL), their metadata given to the loader. */
export function registerEntries(entries: readonly StackEntry[], instances: Map<string, DicomJson>): string[] {
  return entries.map((entry) => {
    const imageId = `wadors:${new URL(entry.frameUrl, window.location.href).href}`;
    const json = instances.get(entry.sopInstanceUid);
    // A multi-frame instance's metadata is kept under its first frame; the loader derives the others.
    if (json !== undefined && entry.frame === 1) wadors.metaDataManager.add(imageId, json as never);
    return imageId;
  });
}

/** The tools' names (their classes declare `toolName` untyped). */
const TOOL_NAMES: Record<PrimaryTool, string> = {
  windowLevel: 'WindowLevel',
  pan: 'Pan',
  zoom: 'Zoom',
  length: 'Length',
  angle: 'Angle',
  ellipse: 'EllipticalROI',
};
const STACK_SCROLL = 'StackScroll';

/** Removes what the measuring tools drew on these viewports' images (every slice: their frame of reference). */
function clearMeasurementsOn(viewports: readonly { element: HTMLDivElement; render(): void }[]): void {
  for (const viewport of viewports) {
    for (const tool of MEASURING_TOOLS) annotation.state.removeAnnotations(TOOL_NAMES[tool], viewport.element);
    viewport.render();
  }
}

/** A tool group: the left button drives the chosen tool, the middle pans, the right zooms, the wheel scrolls. */
export class ToolSet {
  readonly group: NonNullable<ReturnType<typeof ToolGroupManager.createToolGroup>>;

  /** `wheel`: whether the wheel scrolls each viewport's own stack (a comparison scrolls both itself). */
  constructor(
    readonly id: string,
    wheel = true,
  ) {
    ToolGroupManager.destroyToolGroup(id);
    const group = ToolGroupManager.createToolGroup(id);
    if (group === undefined) throw new Error(`Could not create the tool group ${id}.`);
    this.group = group;
    for (const name of [...Object.values(TOOL_NAMES), STACK_SCROLL]) group.addTool(name);
    if (wheel) group.setToolActive(STACK_SCROLL, { bindings: [{ mouseButton: MouseBindings.Wheel }] });
    this.setPrimary('windowLevel');
  }

  addViewport(viewportId: string, engineId: string): void {
    this.group.addViewport(viewportId, engineId);
  }

  setPrimary(primary: PrimaryTool): void {
    for (const tool of PRIMARY_TOOLS) {
      const name = TOOL_NAMES[tool];
      this.group.setToolPassive(name, { removeAllBindings: true });
      const bindings = [
        ...(tool === primary ? [{ mouseButton: MouseBindings.Primary }] : []),
        ...(tool === 'pan' ? [{ mouseButton: MouseBindings.Auxiliary }] : []),
        ...(tool === 'zoom' ? [{ mouseButton: MouseBindings.Secondary }] : []),
      ];
      if (bindings.length > 0) this.group.setToolActive(name, { bindings });
    }
  }

  destroy(): void {
    ToolGroupManager.destroyToolGroup(this.id);
  }
}

export interface StackViewListener {
  /** The slice shown changed (0-based). */
  onIndex?(index: number): void;
  onWindow?(window: WindowLevel): void;
  /** An image rendered (the first time, and after every change). */
  onRendered?(): void;
  onError?(index: number, message: string): void;
}

/** A message for an image that could not be loaded or decoded. */
export function loadErrorMessage(error: unknown): string {
  const detail = error as { message?: unknown; error?: unknown; status?: unknown; request?: { status?: number } };
  const status = typeof detail?.request?.status === 'number' ? detail.request.status : undefined;
  if (status === 0 || (typeof navigator !== 'undefined' && !navigator.onLine)) {
    return 'The server could not be reached: check the network connection.';
  }
  if (status !== undefined && status >= 400) return `The server refused the frame (HTTP ${status}).`;
  const text =
    error instanceof Error
      ? error.message
      : typeof error === 'string'
        ? error
        : typeof detail?.message === 'string'
          ? detail.message
          : detail?.error instanceof Error
            ? detail.error.message
            : typeof detail?.error === 'string'
              ? detail.error
              : 'unknown error';
  return `The image could not be decoded (${text}).`;
}

const IMAGE_TIMEOUT_MS = 30_000;
const STALLED = `The image did not arrive within ${IMAGE_TIMEOUT_MS / 1000} s: the server or the decoder did not answer.`;

/** One stack viewport on an element. */
export class StackView {
  readonly viewport: Types.IStackViewport;
  private imageIds: string[] = [];
  private readonly removers: (() => void)[] = [];
  /** Whether a stack is set (scrolling works), and whether an image of it is shown (window/level works). */
  private stackSet = false;
  private loaded = false;
  private pendingWindow: WindowLevel | undefined;

  constructor(
    readonly engine: RenderingEngine,
    readonly element: HTMLDivElement,
    readonly viewportId: string,
    toolSet: ToolSet,
    private readonly listener: StackViewListener,
  ) {
    engine.enableElement({ viewportId, element, type: ViewportType.STACK });
    // Cornerstone takes the element out of the tab order; the viewer's keys need it in.
    element.tabIndex = 0;
    this.viewport = engine.getViewport<Types.IStackViewport>(viewportId);
    toolSet.addViewport(viewportId, engine.id);
    this.on(element, Events.STACK_NEW_IMAGE, (event) => {
      if (!this.loaded) {
        this.loaded = true;
        if (this.pendingWindow !== undefined) queueMicrotask(() => this.applyPending());
      }
      listener.onIndex?.((event.detail as { imageIdIndex: number }).imageIdIndex);
    });
    this.on(element, Events.VOI_MODIFIED, () => this.reportWindow());
    // Rendered with an image: an empty viewport renders too when it is enabled.
    this.on(element, Events.IMAGE_RENDERED, () => {
      if (this.loaded) listener.onRendered?.();
    });
    const failed = (event: Event) => {
      const detail = (event as CustomEvent).detail as { imageId?: string; error?: unknown } | undefined;
      const index = detail?.imageId === undefined ? -1 : this.imageIds.indexOf(detail.imageId);
      if (index >= 0) listener.onError?.(index, loadErrorMessage(detail?.error));
    };
    this.on(eventTarget, Events.IMAGE_LOAD_ERROR, failed);
    this.on(eventTarget, Events.IMAGE_LOAD_FAILED, failed);
  }

  private on(target: EventTarget, type: string, handler: (event: CustomEvent) => void): void {
    const wrapped = (event: Event) => handler(event as CustomEvent);
    target.addEventListener(type, wrapped);
    this.removers.push(() => target.removeEventListener(type, wrapped));
  }

  /** Shows a stack at `index`; rejects with a message when its first image cannot be shown. */
  async load(imageIds: string[], index: number): Promise<void> {
    this.imageIds = imageIds;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // A loader that never settles (it happens: an exception inside Cornerstone's decode
      // callback) must not leave the page loading forever.
      await Promise.race([
        this.viewport.setStack(imageIds, index),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(STALLED)), IMAGE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      throw new Error(error instanceof Error && error.message === STALLED ? STALLED : loadErrorMessage(error), {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      this.stackSet = true;
    }
    this.loaded = true;
    this.applyPending();
    this.viewport.render();
    this.reportWindow();
  }

  private applyPending(): void {
    const pending = this.pendingWindow;
    this.pendingWindow = undefined;
    if (pending !== undefined) this.setWindow(pending);
  }

  get index(): number {
    return this.viewport.getCurrentImageIdIndex();
  }

  async go(index: number): Promise<void> {
    if (!this.stackSet) return;
    const target = Math.min(this.imageIds.length - 1, Math.max(0, index));
    if (target === this.index) return;
    await this.viewport.setImageIdIndex(target).catch((error: unknown) => {
      this.listener.onError?.(target, loadErrorMessage(error));
    });
  }

  scroll(delta: number): Promise<void> {
    return this.go(this.index + delta);
  }

  get window(): WindowLevel | undefined {
    if (!this.loaded) return undefined;
    const range = this.viewport.getProperties().voiRange;
    if (range === undefined || range === null) return undefined;
    const { windowWidth, windowCenter } = coreUtilities.windowLevel.toWindowLevel(range.lower, range.upper);
    return { width: windowWidth, center: windowCenter };
  }

  private reportWindow(): void {
    const window = this.window;
    if (window !== undefined) this.listener.onWindow?.(window);
  }

  setWindow(window: WindowLevel): void {
    if (!this.loaded) {
      this.pendingWindow = window;
      return;
    }
    const voiRange = coreUtilities.windowLevel.toLowHighRange(window.width, window.center);
    this.viewport.setProperties({ voiRange });
    this.viewport.render();
  }

  /** The file's own window (its VOI LUT module, or the image's range when it has none). */
  resetWindow(): void {
    if (!this.loaded) return;
    this.viewport.resetProperties();
    this.viewport.render();
    this.reportWindow();
  }

  /** Zoom and pan back to fit, the file's window, no rotation. */
  reset(): void {
    if (!this.loaded) return;
    this.viewport.resetCamera();
    this.resetWindow();
  }

  clearMeasurements(): void {
    clearMeasurementsOn([this.viewport]);
  }

  play(framesPerSecond: number): void {
    toolUtilities.cine.playClip(this.element, { framesPerSecond, loop: true });
  }

  stop(): void {
    toolUtilities.cine.stopClip(this.element);
  }

  destroy(): void {
    this.stop();
    for (const remove of this.removers.splice(0)) remove();
    this.engine.disableElement(this.viewportId);
  }
}

export type Plane = 'axial' | 'sagittal' | 'coronal';
const ORIENTATIONS: Record<Plane, CoreEnums.OrientationAxis> = {
  axial: OrientationAxis.AXIAL,
  sagittal: OrientationAxis.SAGITTAL,
  coronal: OrientationAxis.CORONAL,
};

/** Three orthographic volume viewports (axial, sagittal, coronal) of one volume. */
export class MprView {
  private readonly removers: (() => void)[] = [];
  readonly viewports: Types.IVolumeViewport[] = [];

  private constructor(
    readonly engine: RenderingEngine,
    readonly volumeId: string,
    readonly viewportIds: string[],
  ) {}

  /**
   * Builds the volume from the stack's image ids (streamed: the planes fill in as frames arrive)
   * and shows it in three planes; resolves once every frame is in.
   */
  static async open(
    engine: RenderingEngine,
    elements: Record<Plane, HTMLDivElement>,
    imageIds: string[],
    volumeId: string,
    toolSet: ToolSet,
    listener: {
      onProgress(loaded: number, total: number): void;
      onWindow(window: WindowLevel): void;
      /** Plane `plane` (0 axial, 1 sagittal, 2 coronal) shows slice `index` (0-based) of `count`. */
      onSlice(plane: number, index: number, count: number): void;
    },
  ): Promise<MprView> {
    const planes = Object.keys(elements) as Plane[];
    const ids = planes.map((plane) => `${toolSet.id}-${plane}`);
    engine.setViewports(
      planes.map((plane, i) => ({
        viewportId: ids[i]!,
        element: elements[plane],
        type: ViewportType.ORTHOGRAPHIC,
        defaultOptions: { orientation: ORIENTATIONS[plane], background: [0, 0, 0] as Types.Point3 },
      })),
    );
    const view = new MprView(engine, volumeId, ids);
    for (const plane of planes) elements[plane].tabIndex = 0;
    for (const id of ids) {
      toolSet.addViewport(id, engine.id);
      view.viewports.push(engine.getViewport<Types.IVolumeViewport>(id));
    }
    const listen = (target: EventTarget, type: string, handler: (event: Event) => void) => {
      target.addEventListener(type, handler);
      view.removers.push(() => target.removeEventListener(type, handler));
    };
    let loaded = 0;
    listen(eventTarget, Events.IMAGE_VOLUME_MODIFIED, (event) => {
      const detail = (event as CustomEvent).detail as { volumeId?: string } | undefined;
      if (detail?.volumeId !== volumeId) return;
      loaded = Math.min(imageIds.length, loaded + 1);
      listener.onProgress(loaded, imageIds.length);
    });
    const reportSlice = (plane: number) => {
      const viewport = view.viewports[plane];
      if (viewport === undefined) return;
      const { imageIndex, numberOfSlices } = coreUtilities.getImageSliceDataForVolumeViewport(viewport);
      listener.onSlice(plane, imageIndex, numberOfSlices);
    };
    planes.forEach((plane, index) => {
      listen(elements[plane], Events.VOLUME_NEW_IMAGE, () => reportSlice(index));
    });
    for (const plane of planes) {
      listen(elements[plane], Events.VOI_MODIFIED, (event) => {
        const range = ((event as CustomEvent).detail as { range?: { lower: number; upper: number } } | undefined)
          ?.range;
        if (range === undefined) return;
        const { windowWidth, windowCenter } = coreUtilities.windowLevel.toWindowLevel(range.lower, range.upper);
        listener.onWindow({ width: windowWidth, center: windowCenter });
      });
    }
    const volume = (await volumeLoader.createAndCacheVolume(volumeId, { imageIds })) as unknown as {
      load(callback: () => void): void;
    };
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('The volume did not load within two minutes.')), 120_000);
      view.removers.push(() => clearTimeout(timer));
      volume.load(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    await setVolumesForViewports(engine, [{ volumeId }], ids);
    engine.renderViewports(ids);
    planes.forEach((_, index) => reportSlice(index));
    await done;
    engine.renderViewports(ids);
    return view;
  }

  setWindow(window: WindowLevel): void {
    const voiRange = coreUtilities.windowLevel.toLowHighRange(window.width, window.center);
    for (const viewport of this.viewports) viewport.setProperties({ voiRange });
    this.engine.renderViewports(this.viewportIds);
  }

  /** Moves plane `index` (0 axial, 1 sagittal, 2 coronal) by `delta` slices. */
  scroll(index: number, delta: number): void {
    const viewport = this.viewports[index];
    if (viewport === undefined) return;
    coreUtilities.scroll(viewport as unknown as Parameters<typeof coreUtilities.scroll>[0], {
      delta,
      volumeId: this.volumeId,
    });
  }

  resetWindow(): void {
    for (const viewport of this.viewports) viewport.resetProperties();
    this.engine.renderViewports(this.viewportIds);
  }

  reset(): void {
    for (const viewport of this.viewports) {
      viewport.resetCamera();
      viewport.resetProperties();
    }
    this.engine.renderViewports(this.viewportIds);
  }

  clearMeasurements(): void {
    clearMeasurementsOn(this.viewports);
  }

  destroy(): void {
    for (const remove of this.removers.splice(0)) remove();
    for (const id of this.viewportIds) this.engine.disableElement(id);
    cache.removeVolumeLoadObject(this.volumeId);
  }
}

/**
 * How stacks are drawn: WebGL on a GPU; Cornerstone's CPU path where WebGL is missing or is a
 * software rasterizer (SwiftShader, llvmpipe), which draws a 2D image faster than emulated GL.
 * Volumes (MPR) always need WebGL.
 */
export function stacksOnCpu(): boolean {
  const forced = new URLSearchParams(window.location.search).get('render');
  if (forced === 'cpu' || forced === 'gpu') return forced === 'cpu';
  const capabilities = getRenderingCapabilities();
  return !capabilities.webgl || capabilities.softwareRasterizer;
}

/** A rendering engine; `cpu` for one that draws stacks without WebGL (it cannot show volumes). */
export function createEngine(id: string, cpu: boolean): RenderingEngine {
  getRenderingEngine(id)?.destroy();
  // Each engine takes the renderer in force when it is made; existing viewports keep theirs.
  setUseCPURendering(cpu, false);
  return new RenderingEngine(id);
}

/** Whether volumes (MPR) can be shown here: they need WebGL. */
export function volumesPossible(): boolean {
  return getRenderingCapabilities().webgl;
}
