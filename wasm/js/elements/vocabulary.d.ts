// The shared names, labels, colours and number formats (vocabulary.js). No DOM, no charts.
import type { PersonaName, LevelName, CommunicationLevelName, SegmentGroupName, FileKind } from '../index.js';

export const PERSONAS: readonly PersonaName[];
export const LEVELS: readonly LevelName[];
export const COMMUNICATION: readonly CommunicationLevelName[];
export const SENTIMENT_MATCHES: readonly ('any' | 'positive' | 'neutral' | 'negative' | 'not_positive' | 'not_negative')[];
export const DEAL_SIZES: readonly ('small' | 'mid' | 'large')[];
export const FILE_KINDS: readonly FileKind[];
export const GROUPS: readonly SegmentGroupName[];
/** Display labels; `none` labels accounts without a persona (not a trial). */
export const PERSONA_LABEL: Readonly<Record<PersonaName | 'none', string>>;
/** CSS colours (Okabe-Ito); elements take --pql-persona-<name with dashes> first. */
export const PERSONA_COLOUR: Readonly<Record<PersonaName | 'none', string>>;
export const GROUP_LABEL: Readonly<Record<SegmentGroupName | 'none', string>>;
export const GROUP_COLOUR: Readonly<Record<SegmentGroupName | 'none', string>>;
export const PQL_LABEL: Readonly<Record<'pql' | 'not', string>>;
export const PQL_COLOUR: Readonly<Record<'pql' | 'not', string>>;
export type ColourBy = 'persona' | 'group' | 'pql';
export const COLOUR_BY: readonly ColourBy[];

/** '–' for null / undefined, else en-US formatted. */
export function fmtInt(v: number | null | undefined): string;
export function fmtNum(v: number | null | undefined): string;
export function fmtPct(v: number | null | undefined): string;
export function fmtMoney(v: number | null | undefined): string;
export function fmtSigned(v: number | null | undefined): string;
/** An id with underscores as spaces. */
export function label(id: string | null | undefined): string;
