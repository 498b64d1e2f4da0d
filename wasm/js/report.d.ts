// The report document's types (docs/report.md, version 1): what score() returns and what the
// per-view queries (overview, rows, account) return parts of. Numbers the engine cannot compute
// (no key features, no data) are null.

import type { IngestReport, PersonaName, SegmentGroupName, StageName, LevelName, CommunicationLevelName, NetSentimentName } from './index.js';

/** "YYYY-MM-DD" */
export type DayText = string;
/** "YYYY-MM-DDTHH:MM:SS.mmmZ" */
export type TimeText = string;

export interface ActivityCounts {
  dau: number;
  wau: number;
  mau: number;
  stickiness: number | null;
}

export interface ActivationStep {
  id: string;
  done: boolean;
  count: number;
  min_count: number;
  users?: number;
  min_users?: number;
  completed_day?: DayText | null;
}

/** Which activation checklist an account or user is scored on: the model's `activation.paid_steps` for paid accounts (and their users), else `steps` (docs/model.md). */
export type ChecklistName = 'trial' | 'paid';

/** A step of one of the model's checklists, as the report's `model` lists it. */
export interface ChecklistStep {
  id: string;
  label: string;
  level: 'account' | 'user';
}

export interface EngagementPart {
  score: number | null;
  raw: number | null;
  trend: number | null;
  slope: number | null;
  /** One per window, oldest first. */
  scores: (number | null)[];
  raws: (number | null)[];
  /** The largest contributions, largest first. */
  contributions: { event: string; points: number | null }[];
}

export interface AdoptionPart {
  rate: number | null;
  rate_all_time: number | null;
  used: string[];
  not_used: string[];
}

export interface AccountInfo {
  name: string;
  domain: string;
  plan: string;
  employees: number | null;
  seats: number | null;
  deal_value: number | null;
  signup_at: TimeText | null;
  trial_ends_at: TimeText | null;
  converted_at: TimeText | null;
  owner: string;
  industry: string;
  region: string;
}

export interface AccountFacts {
  stage: StageName;
  deal_size: 'small' | 'mid' | 'large';
  deal_size_basis: string;
  deal_value: number | null;
  deal_value_is_default: boolean;
  pql: { qualified: boolean; activation: number | null; threshold: number | null; passes_filters: boolean; filter_failure: string };
  communication: {
    count: number;
    positive: number;
    neutral: number;
    negative: number;
    net_sentiment: number | null;
    level: CommunicationLevelName;
    sentiment: NetSentimentName;
  };
}

export interface AccountPersona {
  persona: PersonaName;
  probability: number | null;
  deal_value: number | null;
  deal_value_is_default: boolean;
  expected_revenue: number | null;
  levels: { activation: LevelName; engagement: LevelName; communication: CommunicationLevelName; sentiment: NetSentimentName };
  reason: string;
}

/** One element of the report's "accounts". */
export interface AccountReport {
  id: string;
  info: AccountInfo;
  first_event_at: TimeText | null;
  last_event_at: TimeText | null;
  events: number;
  activation: { rate: number | null; activated_day: DayText | null; signup_day: DayText | null; checklist: ChecklistName; steps: ActivationStep[] };
  users: { count: number; activated: number; median_activation: number | null };
  engagement: EngagementPart & { users: { user: string; points: number | null }[] };
  adoption: AdoptionPart;
  activity: ActivityCounts;
  seat_penetration: number | null;
  facts: AccountFacts;
  /** null for accounts that are not trials. */
  persona: AccountPersona | null;
  /** The chance to convert the forecast uses: the calibrated model's, else the persona's; null without a persona. */
  conversion_probability: number | null;
  /** Ids of the segments the account is in, in report order. */
  segments: string[];
  /** 0..100: weighted activation, engagement, trend and deal size (docs/segments.md, "Priority"). */
  priority: number | null;
}

/** One element of the report's "users". */
export interface UserReport {
  id: string;
  /** The user's account id, null when the events never named one. */
  account: string | null;
  events: number;
  activation: { rate: number | null; activated_day: DayText | null; checklist: ChecklistName; steps: ActivationStep[] };
  engagement: EngagementPart;
  adoption: AdoptionPart;
}

export interface SegmentHeading {
  id: string;
  label: string;
  group: SegmentGroupName;
  /** The rule in words. */
  rule: string;
  /** What a member's value is, and its order. */
  sort_by: string;
  count: number;
}

export interface ReportSegment extends SegmentHeading {
  members: { account: string; value: number | null; reason: string }[];
}

export interface ReportUserSegment extends SegmentHeading {
  members: { account: string; user: string; value: number | null; reason: string }[];
}

export interface PersonaGridCell {
  activation: LevelName;
  engagement: LevelName;
  communication: CommunicationLevelName;
  accounts: number;
}

export interface PersonasSection {
  trial_accounts: number;
  forecast: { persona: PersonaName; probability: number | null; accounts: number; deal_value: number | null; expected_revenue: number | null }[];
  total: { accounts: number; deal_value: number | null; expected_revenue: number | null };
  /** 18 cells, activation -> engagement -> communication, low first: the index is the engine's cell index. */
  grid: PersonaGridCell[];
}

export interface AlertsSection {
  from: DayText;
  to: DayText;
  entered: number;
  left: number;
  segments: { segment: string; label: string; entered: { account: string; reason: string }[]; left: { account: string; reason: string }[] }[];
  personas: { account: string; before: PersonaName | null; after: PersonaName | null }[];
}

export interface ReportSummary {
  accounts: number;
  pqls: number;
  trial_accounts: number;
  forecast_revenue: number | null;
  users: number;
  event_names: number;
  active_accounts: { day: number; week: number; month: number };
  activity: ActivityCounts;
}

/** The report document (docs/report.md); scoreText() gives its exact text. */
export interface Report {
  report: 'pqlscope-report';
  version: number;
  as_of: DayText;
  /** steps: the trial checklist; paid_steps: the paid accounts' checklist, null when the model has none. */
  model: { name: string; version: string; steps: ChecklistStep[]; paid_steps: ChecklistStep[] | null };
  windows: { start: DayText; end: DayText }[];
  summary: ReportSummary;
  ingest: IngestReport;
  accounts: AccountReport[];
  segments: ReportSegment[];
  user_segments: ReportUserSegment[];
  personas: PersonasSection;
  alerts: AlertsSection;
  /** Left out with includeUsers: false. */
  users?: UserReport[];
  /** Left out with history: false (docs/report.md, "History"). */
  history?: ReportHistorySection;
  /** With an outcomes file (CLI only). */
  calibration?: Record<string, unknown>;
}

/** A grid cell in the overview: its accounts and the personas the scored model's table gives it (one per net sentiment, in sentiment order, without repeats). */
export interface PersonaCell extends PersonaGridCell {
  personas: PersonaName[];
}

/** The report without "accounts" and "users", with counts instead of member lists (IngestSession.overview()). */
export interface ReportOverview extends Omit<Report, 'accounts' | 'users' | 'segments' | 'user_segments' | 'alerts' | 'calibration'> {
  /** Segments without member lists: count, plus how many entered / left since the previous period. */
  segments: (SegmentHeading & { entered: number; left: number })[];
  user_segments: (SegmentHeading & { entered: number; left: number })[];
  alerts: { from: DayText; to: DayText; entered: number; left: number; persona_changes: number };
  /** By the engine's cell index (ChartData.personaCell, ChartLabels.cells). */
  persona_cells: PersonaCell[];
}

/** The report's "history": activation and engagement as of each point (docs/report.md, "History"). */
export interface ReportHistorySection {
  interval_days: number;
  days: DayText[];
  accounts: {
    id: string;
    activation: (number | null)[];
    engagement: (number | null)[];
    /** With historyMoves: true. */
    moves?: { day: DayText; segment: string; change: 'entered' | 'left'; reason: string }[];
  }[];
  /** With historyUsers: true. */
  users?: { id: string; activation: (number | null)[]; engagement: (number | null)[] }[];
}

/** The calibration report (docs/report.md "The calibration report"). */
export interface CalibrationScores {
  auc: { conversion_probability: number | null; engagement: number | null; trial_engagement: number | null; activation: number | null };
  lift: { decile: number; accounts: number; converted: number; rate: number | null; lift: number | null; min_score: number | null; max_score: number | null }[];
}

export interface CalibrationReport {
  report: 'pqlscope-calibration';
  version: 1;
  outcomes: number;
  matched: number;
  duplicates: number;
  unmatched: string[];
  split: {
    held_out_percent: number;
    rule: string;
    fit: { accounts: number; converted: number };
    held_out: { accounts: number; converted: number };
  };
  dated_conversions: number;
  fit: { l2: number; iterations: number; converged: boolean; intercept: number | null; persona_prior_strength: number };
  before: CalibrationScores;
  after: CalibrationScores;
  weights: { event: string; weight: number | null; accounts: number; converted: number; events: number; importance: number }[];
  personas: { persona: PersonaName; accounts: number; converted: number; before: number | null; after: number | null }[];
  changes: string[];
}
