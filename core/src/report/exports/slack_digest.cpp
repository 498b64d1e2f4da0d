// The Slack digest of the alerts (docs/exports.md, "Slack"): Block Kit JSON that Slack accepts
// as is, and the same lines as mrkdwn text for the composer.
//
// Limits kept (Slack's Block Kit reference): at most 50 blocks, a header's text at most 150
// characters, a section's text at most 3,000. Lengths are counted in UTF-8 bytes of the text
// as sent (entities included), never fewer than Slack's characters, so a count within the
// limit is within it for Slack too.
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pqlscope/io/timestamp.hpp"
#include "pqlscope/report/exports.hpp"

namespace pqlscope {
namespace {

constexpr std::size_t kMaxLinesPerSection = 10;  // a digest is read, not searched
constexpr std::size_t kMaxLineBytes = 400;       // a long account name must not eat a section

// Slack parses &, < and > in text objects (links, mentions such as <!channel>): they are sent
// as HTML entities; nothing else is escaped (Slack's formatting reference).
std::string slack_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// Cut to at most `bytes` bytes on a UTF-8 character boundary, with an ellipsis when cut.
std::string cut_text(std::string_view text, std::size_t bytes) {
  if (text.size() <= bytes) return std::string(text);
  std::size_t end = bytes - 3;  // room for "…" (3 bytes)
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\xE2\x80\xA6";
}

std::string thousands(double value) {
  const long long whole = std::llround(value);
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return whole < 0 ? "-" + out : out;
}

// One line in both forms: as pasted (raw) and as sent in a Block Kit text object (escaped).
struct Line {
  std::string raw;
  std::string escaped;
};

Line make_line(std::string_view raw) {
  Line line{cut_text(raw, kMaxLineBytes), ""};
  line.escaped = slack_escape(line.raw);
  return line;
}

struct Entry {
  const AlertEntry* alert;
  bool entered;
  double value;
  const std::string* id;
};

Line entry_line(const Aggregates& a, const ScoreResult& result, const Entry& x) {
  const AccountRecord& r = a.accounts[x.alert->account];
  const DealValue& deal = result.segments.accounts[x.alert->account].deal_value;
  std::string text = "\xE2\x80\xA2 *";  // "• *name*"
  text += r.info.name.empty() ? r.id : r.info.name;
  text += '*';
  if (!r.info.domain.empty()) text += " (" + r.info.domain + ")";
  text += x.entered ? " entered: " : " left, was: ";
  text += x.alert->reason;
  text += " \xC2\xB7 deal " + thousands(deal.value) + (deal.is_default ? " (model default)" : "");
  return make_line(text);
}

std::string more_line(std::size_t n) { return "_and " + std::to_string(n) + " more_"; }

// The sections of the message within the limits: each adds a title and as many lines as fit
// (at most kMaxLinesPerSection), then "and N more".
struct Sections {
  nlohmann::ordered_json& blocks;
  std::string& markdown;
  SlackDigest& digest;
  std::size_t total_text = 0;
  // Kept for a later section (the persona changes), so that the segments cannot crowd it out.
  std::size_t reserved_blocks = 0;
  std::size_t reserved_text = 0;

  // Nothing, adding nothing, when no block or too little text is left (one block is kept for
  // the closing note); else the lines shown.
  std::optional<std::size_t> add(const Line& title, const std::vector<Line>& lines) {
    const bool room_for_block = blocks.size() + 1 + reserved_blocks < kSlackMaxBlocks;
    const std::size_t used = total_text + reserved_text;
    const std::size_t budget = std::min(kSlackMaxSectionText, used < kSlackMaxTotalText ? kSlackMaxTotalText - used : 0);
    if (!room_for_block || budget < title.escaped.size() + 1 + kMaxLineBytes * 2) return std::nullopt;
    std::string raw = title.raw;
    std::string escaped = title.escaped;
    std::size_t shown = 0;
    for (const Line& line : lines) {
      const std::size_t rest = lines.size() - shown - 1;  // after this line
      const std::size_t closing = rest > 0 ? 1 + more_line(rest).size() : 0;
      if (shown == kMaxLinesPerSection || escaped.size() + 1 + line.escaped.size() + closing > budget) break;
      raw += "\n" + line.raw;
      escaped += "\n" + line.escaped;
      ++shown;
    }
    if (shown < lines.size()) {
      const std::string more = more_line(lines.size() - shown);
      raw += "\n" + more;
      escaped += "\n" + more;
    }
    digest.not_listed += lines.size() - shown;
    total_text += escaped.size();
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", escaped}}}});
    markdown += "\n" + raw + "\n";
    return shown;
  }
};

// "• *name* (domain): Fizzler → Golden Lead · deal 12,000"; a trial that began or ended in the
// period says so.
Line persona_line(const Aggregates& a, const ScoreResult& result, const PersonaChange& c) {
  const AccountRecord& r = a.accounts[c.account];
  const DealValue& deal = result.segments.accounts[c.account].deal_value;
  std::string text = "\xE2\x80\xA2 *";
  text += r.info.name.empty() ? r.id : r.info.name;
  text += '*';
  if (!r.info.domain.empty()) text += " (" + r.info.domain + ")";
  if (c.had_before && c.has_after) {
    text += std::string(": ") + display_name(c.before) + " \xE2\x86\x92 " + display_name(c.after);  // →
  } else if (c.has_after) {
    text += std::string(": new trial, ") + display_name(c.after);
  } else {
    text += std::string(": no longer a trial, was ") + display_name(c.before);
  }
  text += " \xC2\xB7 deal " + thousands(deal.value) + (deal.is_default ? " (model default)" : "");
  return make_line(text);
}

}  // namespace

SlackDigest slack_digest(const Aggregates& a, const ScoreResult& result) {
  const AlertReport& alerts = result.alerts;
  SlackDigest digest;
  const std::string from = format_day(alerts.from_day);
  const std::string to = format_day(alerts.to_day);
  const std::size_t entered = alerts.total_entered();
  const std::size_t left = alerts.total_left();

  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  std::string markdown;
  const std::string header = "pqlscope: segment changes " + from + " to " + to;  // < 150 by construction
  blocks.push_back({{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", header}}}});
  markdown += "*" + header + "*\n";
  std::string summary = std::to_string(entered) + " entered, " + std::to_string(left) + " left";
  if (!alerts.personas.empty()) summary += ", " + std::to_string(alerts.personas.size()) + " persona changes";
  summary += "; most valuable first (deal value)";
  blocks.push_back({{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", summary}}}}});
  markdown += summary + "\n";

  Sections sections{blocks, markdown, digest};

  // Persona changes of trial accounts (alerts.personas), most valuable first; ties by account id.
  // Built first so that their section's room is kept while the segments fill the message.
  std::vector<Line> persona_lines;
  {
    std::vector<const PersonaChange*> changes;
    for (const PersonaChange& c : alerts.personas) changes.push_back(&c);
    std::stable_sort(changes.begin(), changes.end(), [&](const PersonaChange* x, const PersonaChange* y) {
      const double vx = result.segments.accounts[x->account].deal_value.value;
      const double vy = result.segments.accounts[y->account].deal_value.value;
      if (vx != vy) return vx > vy;
      return a.accounts[x->account].id < a.accounts[y->account].id;
    });
    for (const PersonaChange* c : changes) persona_lines.push_back(persona_line(a, result, *c));
  }
  const Line persona_title = make_line("*Persona changes* (" + std::to_string(persona_lines.size()) + ")");
  if (!persona_lines.empty()) {
    std::size_t text = persona_title.escaped.size();
    for (std::size_t i = 0; i < persona_lines.size() && i < kMaxLinesPerSection; ++i) text += 1 + persona_lines[i].escaped.size();
    if (persona_lines.size() > kMaxLinesPerSection) text += 1 + more_line(persona_lines.size()).size();
    // At least what Sections::add asks of a section before it starts one.
    text = std::max(text, persona_title.escaped.size() + 1 + kMaxLineBytes * 2);
    sections.reserved_blocks = 1;
    sections.reserved_text = std::min(text, kSlackMaxSectionText);
  }
  std::size_t segments_not_shown = 0;
  std::size_t entries_not_shown = 0;
  for (const SegmentAlerts& s : alerts.segments) {
    const std::size_t changes = s.entered.size() + s.left.size();
    if (changes == 0) continue;
    std::vector<Entry> entries;
    for (const AlertEntry& e : s.entered) {
      entries.push_back({&e, true, result.segments.accounts[e.account].deal_value.value, &a.accounts[e.account].id});
    }
    for (const AlertEntry& e : s.left) {
      entries.push_back({&e, false, result.segments.accounts[e.account].deal_value.value, &a.accounts[e.account].id});
    }
    // Entered before left (the news), then most valuable first; ties by account id.
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
      if (x.entered != y.entered) return x.entered;
      if (x.value != y.value) return x.value > y.value;
      return *x.id < *y.id;
    });
    std::vector<Line> lines;
    for (const Entry& x : entries) lines.push_back(entry_line(a, result, x));
    const Line title = make_line("*" + s.label + "* (+" + std::to_string(s.entered.size()) + " / -" +
                                 std::to_string(s.left.size()) + ")");
    const std::optional<std::size_t> shown = sections.add(title, lines);
    if (!shown) {
      ++segments_not_shown;
      entries_not_shown += changes;
      continue;
    }
    digest.entries += *shown;
  }

  std::size_t personas_not_shown = 0;
  if (!persona_lines.empty()) {
    sections.reserved_blocks = 0;
    sections.reserved_text = 0;
    const std::optional<std::size_t> shown = sections.add(persona_title, persona_lines);
    if (shown) digest.persona_changes = *shown;
    else personas_not_shown = persona_lines.size();
  }

  if (segments_not_shown > 0 || personas_not_shown > 0) {
    std::string note = "_and ";
    if (segments_not_shown > 0) {
      note += std::to_string(entries_not_shown) + " more changes in " + std::to_string(segments_not_shown) +
              " more segments (see the alerts CSV)";
    }
    if (personas_not_shown > 0) {
      if (segments_not_shown > 0) note += ", and ";
      note += std::to_string(personas_not_shown) + " persona changes (see the report's alerts.personas)";
    }
    note += "_";
    blocks.push_back({{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", note}}}}});
    markdown += "\n" + note + "\n";
    digest.not_listed += entries_not_shown + personas_not_shown;
  }
  if (entered + left == 0) {
    const std::string none = "No account entered or left a segment.";
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", none}}}});
    markdown += "\n" + none + "\n";
  }
  // The notification text (Slack shows it where blocks cannot be: alerts, previews).
  const std::string fallback = header + ": " + summary;
  nlohmann::ordered_json message = {{"text", fallback}, {"blocks", std::move(blocks)}};
  digest.blocks_json = message.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  digest.markdown = std::move(markdown);
  return digest;
}

}  // namespace pqlscope
