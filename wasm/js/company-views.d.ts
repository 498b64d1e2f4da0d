// Types of the company level (the model's rollup) and the management views of a scoring
// (docs/segments.md, "Workspace rollup" and "Management views"), re-exported by index.d.ts.
import type { AccountReport } from './report.js';

/** A page query over the company level (the model's rollup); every key optional. */
export interface CompaniesQuery {
  /** Default 'eng'. n/a values last; ties by company id. */
  sort?: 'eng' | 'act' | 'workspaces' | 'name' | 'deal';
  /** Default true. */
  descending?: boolean;
  offset?: number;
  /** 0..5000, default 100. */
  limit?: number;
  /** Only companies of two or more workspaces. */
  several?: boolean;
  /** Case-insensitive part of the company id or name. */
  search?: string;
}

/** A company: the report "accounts" element of the company level, with its index and workspace count. */
export type CompanyReport = AccountReport & { index: number; workspaces: number };

export interface CompaniesPage {
  /** The model's rollup.enabled; false: every workspace is its own company. */
  enabled: boolean;
  /** The model's rollup.key (domain, name, owner, industry, region). */
  key: string;
  /** Accounts (workspaces) and companies in the data. */
  workspaces: number;
  companies: number;
  /** Companies of two or more workspaces. */
  several: number;
  /** Companies matching the query, not only this page. */
  total: number;
  offset: number;
  rows: CompanyReport[];
}

export interface CompanyDetail {
  company: CompanyReport;
  /** The report "accounts" elements of its workspaces (account-level scores), in account order. */
  workspaces: AccountReport[];
}

export interface SignupCohort {
  /** YYYY-MM of the accounts' start (signup, or an earlier first event). */
  month: string;
  accounts: number;
  /** Accounts with an activation rate (the model has account-level steps). */
  with_checklist: number;
  /** Percent; null without a checklist. */
  mean_activation: number | null;
  /** Accounts that completed every account-level step. */
  activated: number;
  mean_engagement: number | null;
}

export interface EngagementGroup {
  /** As first written ('' = not given). */
  value: string;
  accounts: number;
  mean_engagement: number | null;
  median_engagement: number | null;
  mean_activation: number | null;
  /** Accounts with an active user in the last 7 days. */
  active_week: number;
}

export interface ManagementViews {
  as_of: string;
  /** The as-of day's month (0 accounts when nobody started in it). */
  this_month: SignupCohort;
  /** Oldest month first; months without a start left out. */
  cohorts: SignupCohort[];
  by_plan: EngagementGroup[];
  by_stage: EngagementGroup[];
  by_industry: EngagementGroup[];
  by_owner: EngagementGroup[];
  /** Oldest first; the last week ends at the as-of day (at most 260 weeks). */
  weekly_active: Array<{ week_end: string; active: number; existing: number }>;
}
