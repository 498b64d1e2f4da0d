// The Slack digest of the alerts (docs/exports.md, "Slack"): Block Kit JSON that Slack accepts
// as is, and the same lines as mrkdwn text for the composer.
//
// Limits kept (Slack's Block Kit reference): at most 50 blocks, a header's text at most 150
// characters, a section's text at most 3,000. Lengths are counted in UTF-8 bytes of the text
// as sent (entities included), never fewer than Slack's characters, so a count within the
// limit is within it for Slack too.
#include <algorithm>
#include <cmath>
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
  const std::string summary = std::to_string(entered) + " entered, " + std::to_string(left) +
                              " left; most valuable first (deal value)";
  blocks.push_back({{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", summary}}}}});
  markdown += summary + "\n";

  std::size_t total_text = 0;
  std::size_t segments_not_shown = 0;
  std::size_t entries_not_shown = 0;
  for (const SegmentAlerts& s : alerts.segments) {
    const std::size_t changes = s.entered.size() + s.left.size();
    if (changes == 0) continue;
    // One block is kept for the closing note when segments had to be left out.
    const bool room_for_block = blocks.size() + 1 < kSlackMaxBlocks;
    const Line title = make_line("*" + s.label + "* (+" + std::to_string(s.entered.size()) + " / -" +
                                 std::to_string(s.left.size()) + ")");
    const std::size_t budget = std::min(kSlackMaxSectionText, kSlackMaxTotalText - total_text);
    if (!room_for_block || budget < title.escaped.size() + 1 + kMaxLineBytes * 2) {
      ++segments_not_shown;
      entries_not_shown += changes;
      continue;
    }
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
    std::string raw = title.raw;
    std::string escaped = title.escaped;
    std::size_t shown = 0;
    for (const Entry& x : entries) {
      const Line line = entry_line(a, result, x);
      const std::size_t rest = entries.size() - shown - 1;  // after this line
      const std::size_t closing = rest > 0 ? 1 + more_line(rest).size() : 0;
      if (shown == kMaxLinesPerSection || escaped.size() + 1 + line.escaped.size() + closing > budget) break;
      raw += "\n" + line.raw;
      escaped += "\n" + line.escaped;
      ++shown;
    }
    if (shown < entries.size()) {
      const std::string more = more_line(entries.size() - shown);
      raw += "\n" + more;
      escaped += "\n" + more;
    }
    digest.entries += shown;
    digest.not_listed += entries.size() - shown;
    total_text += escaped.size();
    blocks.push_back({{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", escaped}}}});
    markdown += "\n" + raw + "\n";
  }
  if (segments_not_shown > 0) {
    const std::string note = "_and " + std::to_string(entries_not_shown) + " more changes in " +
                             std::to_string(segments_not_shown) + " more segments (see the alerts CSV)_";
    blocks.push_back({{"type", "context"}, {"elements", {{{"type", "mrkdwn"}, {"text", note}}}}});
    markdown += "\n" + note + "\n";
    digest.not_listed += entries_not_shown;
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
