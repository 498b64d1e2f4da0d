// The header's "For your tools" panel (docs/exports.md): HubSpot, Salesforce and user-traits
// files, the Slack digest as Block Kit JSON or copied as text, and the hashed-user-ids option.
// Every file is made in the Worker from the last scoring; nothing is sent anywhere.
import { h, download } from '../dom.js';

const FILES = [
  { id: 'hubspot', label: 'HubSpot companies CSV', tool: 'hubspot', part: 'csv', name: 'pqlscope-hubspot-companies.csv', type: 'text/csv' },
  { id: 'hubspot-properties', label: 'HubSpot properties (create once)', tool: 'hubspot', part: 'properties', name: 'pqlscope-hubspot-properties.json', type: 'application/json' },
  { id: 'salesforce', label: 'Salesforce accounts CSV', tool: 'salesforce', part: 'csv', name: 'pqlscope-salesforce-accounts.csv', type: 'text/csv' },
  { id: 'salesforce-fields', label: 'Salesforce fields (create once)', tool: 'salesforce', part: 'fields', name: 'pqlscope-salesforce-fields.csv', type: 'text/csv' },
  { id: 'user-traits', label: 'User traits CSV (Intercom, Segment)', tool: 'userTraits', part: 'csv', name: 'pqlscope-user-traits.csv', type: 'text/csv' },
  { id: 'slack-blocks', label: 'Slack Block Kit JSON', tool: 'slack', part: 'blocks', name: 'pqlscope-slack-digest.json', type: 'application/json' },
];

/**
 * Adds the panel to `parent` (the header's export group). source: the DataSource; say(text,
 * kind): the status line.
 */
export function mountToolExports(parent, { source, say }) {
  let appliedSalt = null;  // what the Worker uses now: a salt is sent only when it changes
  const hash = h('input', { type: 'checkbox', id: 'hash-user-ids' });
  const salt = h('input', { type: 'text', id: 'user-id-salt', placeholder: 'salt', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Salt for hashing user ids' });

  /** The export, with the salt the option asks for (throws when it asks for one without a salt). */
  async function fetchExport(tool) {
    const wanted = hash.checked ? salt.value : null;
    if (wanted === '') throw new Error('Enter a salt to hash user ids (or untick the option).');
    if (wanted === appliedSalt) return source.toolExport(tool);
    const result = await source.toolExport(tool, { salt: wanted });
    appliedSalt = wanted;
    return result;
  }

  async function run(button, work) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      say(await work());
    } catch (error) {
      say(error.message, 'error');
    } finally {
      button.disabled = false;
      button.setAttribute('aria-busy', 'false');
    }
  }

  const leftOut = (result) => (result.leftOut ? ` ${result.leftOut} left out: ${result.leftOutReason}.` : '');
  const buttons = FILES.map((spec) => {
    const button = h('button', { type: 'button', dataset: { toolExport: spec.id }, text: spec.label });
    button.addEventListener('click', () => run(button, async () => {
      const result = await fetchExport(spec.tool);
      download(spec.name, result[spec.part], spec.type);
      return `Saved ${spec.name}${result.rows !== undefined && spec.part === 'csv' ? ` (${result.rows} rows).` : '.'}${leftOut(result)}`;
    }));
    return button;
  });
  const copy = h('button', { type: 'button', dataset: { toolExport: 'slack-copy' }, text: 'Copy for Slack' });
  copy.addEventListener('click', () => run(copy, async () => {
    const result = await fetchExport('slack');
    await navigator.clipboard.writeText(result.markdown);
    copy.dataset.copied = String(result.markdown.length);
    const more = result.notListed ? `; ${result.notListed} more not listed (Slack's limits)` : '';
    return `Copied the Slack digest: ${result.entries} changes${more}. Paste it into Slack.`;
  }));

  const panel = h('details', { class: 'tool-exports', id: 'tool-exports' },
    h('summary', { text: 'For your tools' }),
    h('div', { class: 'tool-exports-body', role: 'group', 'aria-label': 'Tool-ready exports' },
      copy, buttons,
      h('label', { class: 'hash-option' }, hash, ' Hash user ids'),
      salt,
      h('p', { class: 'muted', text: 'Hashed ids are SHA-256(salt + id) in hex, in every export and report.' })));
  parent.append(panel);
  return panel;
}
