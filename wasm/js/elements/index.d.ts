// pqlscope/elements: custom elements drawing a scoring as the dashboard does. Importing the
// module defines <pql-spectrum>, <pql-persona-grid>, <pql-forecast-table> and <pql-account-card>.
// Needs the optional peer dependency `echarts` (^6); `pqlscope` itself never loads it.
import type { AccountDetail, AccountReport, ChartData, LevelName, CommunicationLevelName, PersonaName, Report, ReportOverview } from '../index.js';
import type { ColourBy } from './vocabulary.js';

export * from './vocabulary.js';
/** DOM from elements and text nodes only (strings become text, never HTML); the dashboard's builder too. */
export function h(tag: string, props?: Record<string, unknown> | null, ...children: unknown[]): HTMLElement;
/** Replaces an element's children (same rules as h). */
export function clear<E extends Element>(el: E, ...children: unknown[]): E;
/**
 * The ECharts instance's methods the elements and their users call. Typed here, not imported
 * from echarts: its declarations do not compile under moduleResolution nodenext with
 * skipLibCheck false, and this file must (cast to echarts' EChartsType for the rest).
 */
export interface SpectrumChart {
  dispatchAction(action: { type: string; [key: string]: unknown }): void;
  convertToPixel(finder: { gridIndex: number }, value: number[]): number[];
  convertFromPixel(finder: { gridIndex: number }, value: number[]): number[];
  getOption(): Record<string, unknown>;
  on(event: string, handler: (params: any) => void): void;
  resize(): void;
  dispose(): void;
}
/** The echarts/core namespace the spectrum draws with (its parts registered). */
export const echarts: { init(dom: HTMLElement, theme?: string | object | null, options?: { renderer?: 'canvas' | 'svg' }): SpectrumChart; use(parts: unknown): void; [key: string]: unknown };
/** Rows in <pql-spectrum>'s text alternative (the most engaged accounts). */
export const TABLE_ROWS: number;

/** The scored model as the elements read it: only these parts are used; any model object fits. */
export interface ElementModel {
  deal_size?: { pql_activation?: Record<string, number> };
  personas?: { engagement_levels?: { high: number; low: number }; probabilities?: Partial<Record<PersonaName, number>> };
  [key: string]: unknown;
}

export interface AccountSelectDetail { id: string; name: string }
export interface BoxSelectDetail {
  /** Ids of the accounts in the box; null when the box was cleared. */
  ids: string[] | null;
  box?: { activation: [number, number]; engagement: [number, number] };
}
export interface CellSelectDetail {
  /** "activation/engagement/communication", e.g. "high/high/active". */
  key: string;
  activation: LevelName;
  engagement: LevelName;
  communication: CommunicationLevelName;
  /** The persona(s) the model's table gives the cell (one per net sentiment). */
  personas: PersonaName[];
  accounts: number;
}
export interface PersonaSelectDetail { persona: PersonaName; label: string }
export interface AccountLoadDetail { id: string; found: boolean }

/** The overview or the full report: what the persona grid and forecast read. */
export type PersonasInput = Pick<ReportOverview, 'personas' | 'persona_cells'> | Report;

export class PqlSpectrum extends HTMLElement {
  /** Chart columns: WorkerClient rescore()/score() `.chart`, or IngestSession.chartData(). */
  data: ChartData | null;
  /** The scored model: PQL thresholds (dashed) and engagement levels (dotted). */
  model: ElementModel | null;
  /** Reflects the colour-by attribute. */
  colourBy: ColourBy;
  /** Reflects the compact attribute (no legend, toolbox or sliders). */
  compact: boolean;
  /** The ECharts instance while connected. */
  readonly chart: SpectrumChart | null;
  /** Sets data, model and colouring and draws once. */
  draw(data: ChartData, options?: { model?: ElementModel | null; colourBy?: ColourBy }): void;
  /** Page coordinates of an account's point, or null. */
  pointOf(id: string): { x: number; y: number } | null;
  /** Removes the brushed box (fires no event). */
  clearSelection(): void;
}
export class PqlPersonaGrid extends HTMLElement {
  data: PersonasInput | null;
  model: ElementModel | null;
  /** The pressed cell's key, or null. */
  selected: string | null;
}
export class PqlForecastTable extends HTMLElement {
  data: PersonasInput | null;
}
/** Anything with account(id): the WorkerClient, a ReportView. */
export interface AccountSource { account(id: string): AccountDetail | null | Promise<AccountDetail | null> }
export class PqlAccountCard extends HTMLElement {
  data: AccountDetail | AccountReport | null;
  /** With the account-id attribute: the card fetches the account itself. */
  source: AccountSource | null;
  /** Reflects the account-id attribute. */
  accountId: string | null;
  /** Names segments by their labels. */
  overview: Pick<ReportOverview, 'segments' | 'user_segments'> | null;
  refresh(): Promise<void>;
}

/** The key of a persona grid cell. */
export function cellKey(cell: { activation: LevelName; engagement: LevelName; communication: CommunicationLevelName }): string;
/** The model's PQL activation thresholds by deal size. */
export function thresholdsOf(model: ElementModel | null | undefined): { size: string; value: number }[];
/** The model's engagement levels as named lines. */
export function levelsOf(model: ElementModel | null | undefined): { name: string; value: number }[];
/** The k most engaged accounts' indexes, most engaged first. */
export function mostEngaged(data: { n: number; x: ArrayLike<number>; y: ArrayLike<number> }, k: number): number[];

declare global {
  interface HTMLElementTagNameMap {
    'pql-spectrum': PqlSpectrum;
    'pql-persona-grid': PqlPersonaGrid;
    'pql-forecast-table': PqlForecastTable;
    'pql-account-card': PqlAccountCard;
  }
  interface HTMLElementEventMap {
    'pql-account-select': CustomEvent<AccountSelectDetail>;
    'pql-box-select': CustomEvent<BoxSelectDetail>;
    'pql-cell-select': CustomEvent<CellSelectDetail>;
    'pql-persona-select': CustomEvent<PersonaSelectDetail>;
    'pql-account-load': CustomEvent<AccountLoadDetail>;
  }
}
