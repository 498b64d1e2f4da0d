// Static catalogue of the example product: event names, importances, activation steps,
// and the word lists used to make company names. Keep in sync with examples/model.json.
#pragma once

#include <cstdint>

namespace gen {

enum EventKind : unsigned char {
  kCommon = 0,  // everyday product use
  kStep = 1,    // an activation-step event: trial accounts only do it when the plan says so
  kAdmin = 2,   // admin / enterprise features: rarer for small plans
};

struct EventDef {
  const char* name;
  int importance;  // engagement importance in examples/model.json (0 = not engagement)
  EventKind kind;
};

// Ordered by popularity rank (Zipf-like weights 1/rank^1.07 before per-plan adjustments).
inline constexpr EventDef kEvents[] = {
    {"page_viewed", 0, kCommon},         {"login", 0, kCommon},
    {"dashboard_viewed", 2, kCommon},    {"search_performed", 1, kCommon},
    {"report_viewed", 2, kCommon},       {"filter_applied", 1, kCommon},
    {"comment_added", 4, kCommon},       {"report_created", 9, kCommon},
    {"notification_clicked", 1, kCommon}, {"file_uploaded", 6, kCommon},
    {"task_completed", 5, kCommon},      {"chart_created", 7, kCommon},
    {"export_csv", 5, kCommon},          {"share_link_created", 5, kCommon},
    {"help_article_viewed", 0, kCommon}, {"settings_updated", 1, kCommon},
    {"template_used", 4, kCommon},       {"dashboard_created", 8, kStep},
    {"project_created", 8, kStep},       {"user_invited", 7, kStep},
    {"alert_created", 7, kStep},         {"mobile_app_opened", 1, kCommon},
    {"data_source_added", 8, kStep},     {"workflow_automated", 9, kCommon},
    {"integration_connected", 9, kStep}, {"billing_viewed", 0, kAdmin},
    {"api_key_created", 6, kAdmin},      {"role_changed", 2, kAdmin},
    {"audit_log_viewed", 3, kAdmin},     {"sso_configured", 10, kAdmin},
};
inline constexpr int kNumEvents = static_cast<int>(sizeof(kEvents) / sizeof(kEvents[0]));

enum EventIndex : uint16_t {
  kEvPageViewed = 0,
  kEvLogin = 1,
  kEvSearch = 3,
  kEvFilter = 5,
  kEvHelp = 14,
  kEvDashboardCreated = 17,
  kEvProjectCreated = 18,
  kEvUserInvited = 19,
  kEvAlertCreated = 20,
  kEvDataSourceAdded = 22,
  kEvIntegrationConnected = 24,
  kEvBillingViewed = 25,
  kEvAuditLogViewed = 28,
  kEvSsoConfigured = 29,
};

// The five account-level activation steps of examples/model.json.
struct StepDef {
  const char* id;
  int min_count;
  int ev_a;
  int ev_b;  // alternative event or -1
};
inline constexpr StepDef kSteps[] = {
    {"create_project", 1, kEvProjectCreated, -1},
    {"connect_data", 1, kEvDataSourceAdded, kEvIntegrationConnected},
    {"build_dashboard", 1, kEvDashboardCreated, -1},
    {"invite_team", 2, kEvUserInvited, -1},
    {"set_up_alert", 1, kEvAlertCreated, -1},
};
inline constexpr int kNumSteps = 5;

// ----- company names -----
struct Word {
  const char* text;
  const char* slug;  // ASCII for domains
};

inline constexpr Word kPrefixes[] = {
    {"Blue", "blue"},         {"North", "north"},         {"Bright", "bright"},
    {"Silver", "silver"},     {"Iron", "iron"},           {"Summit", "summit"},
    {"Harbor", "harbor"},     {"Pioneer", "pioneer"},     {"Cedar", "cedar"},
    {"Maple", "maple"},       {"Granite", "granite"},     {"Quantum", "quantum"},
    {"Vertex", "vertex"},     {"Atlas", "atlas"},         {"Nimbus", "nimbus"},
    {"Orbit", "orbit"},       {"Polar", "polar"},         {"Apex", "apex"},
    {"Crescent", "crescent"}, {"Evergreen", "evergreen"}, {"Falcon", "falcon"},
    {"Horizon", "horizon"},   {"Lumen", "lumen"},         {"Meridian", "meridian"},
    {"Nova", "nova"},         {"Oakridge", "oakridge"},   {"Pinnacle", "pinnacle"},
    {"Redwood", "redwood"},   {"Sierra", "sierra"},       {"Solstice", "solstice"},
    {"Sterling", "sterling"}, {"Tidal", "tidal"},         {"Trident", "trident"},
    {"Vantage", "vantage"},   {"Willow", "willow"},       {"Zephyr", "zephyr"},
    {"Aurora", "aurora"},     {"Beacon", "beacon"},       {"Cobalt", "cobalt"},
    {"Delta", "delta"},       {"Ember", "ember"},         {"Fjord", "fjord"},
    {"Glacier", "glacier"},   {"Helix", "helix"},         {"Indigo", "indigo"},
    {"Juniper", "juniper"},   {"Kestrel", "kestrel"},     {"Lattice", "lattice"},
    {"Mosaic", "mosaic"},     {"Nexus", "nexus"},         {"Onyx", "onyx"},
    {"Prism", "prism"},       {"Quarry", "quarry"},       {"Raven", "raven"},
    {"Saffron", "saffron"},   {"Tandem", "tandem"},       {"Umber", "umber"},
    {"Velvet", "velvet"},     {"Wren", "wren"},           {"Yonder", "yonder"},
    {"Zenith", "zenith"},     {"Clearwater", "clearwater"}, {"Stonebridge", "stonebridge"},
    {"Riverside", "riverside"}, {"Highland", "highland"}, {"Ashford", "ashford"},
    {"Brookfield", "brookfield"}, {"Foxglove", "foxglove"}, {"Larkspur", "larkspur"},
    {"Greywell", "greywell"}, {"Copperleaf", "copperleaf"}, {"Driftwood", "driftwood"},
};

// Regional (non-ASCII) family / place names, used for some EMEA and LATAM companies.
inline constexpr Word kRegionalPrefixes[] = {
    {"Müller", "mueller"},   {"Schäfer", "schaefer"}, {"Sørensen", "sorensen"},
    {"Peña", "pena"},        {"Gonçalves", "goncalves"}, {"Østberg", "ostberg"},
    {"Lefèvre", "lefevre"},  {"Dvořák", "dvorak"},   {"Åkesson", "akesson"},
    {"Kühne", "kuehne"},     {"Ibáñez", "ibanez"},   {"Nyström", "nystrom"},
    {"Ségur", "segur"},      {"Weiß", "weiss"},      {"Jønsson", "jonsson"},
    {"Álvarez", "alvarez"},
};

inline constexpr Word kCores[] = {
    {"Analytics", "analytics"},   {"Labs", "labs"},             {"Systems", "systems"},
    {"Logistics", "logistics"},   {"Health", "health"},         {"Capital", "capital"},
    {"Foods", "foods"},           {"Robotics", "robotics"},     {"Media", "media"},
    {"Energy", "energy"},         {"Software", "software"},     {"Networks", "networks"},
    {"Dynamics", "dynamics"},     {"Partners", "partners"},     {"Studios", "studios"},
    {"Works", "works"},           {"Cloud", "cloud"},           {"Data", "data"},
    {"Bio", "bio"},               {"Retail", "retail"},         {"Freight", "freight"},
    {"Learning", "learning"},     {"Security", "security"},     {"Payments", "payments"},
    {"Insights", "insights"},     {"Design", "design"},         {"Manufacturing", "mfg"},
    {"Consulting", "consulting"}, {"Digital", "digital"},       {"Ventures", "ventures"},
    {"Solutions", "solutions"},   {"Technologies", "tech"},     {"Therapeutics", "tx"},
    {"Outfitters", "outfitters"}, {"Brewing", "brewing"},       {"Mobility", "mobility"},
    {"Legal", "legal"},           {"Realty", "realty"},         {"Textiles", "textiles"},
    {"Interactive", "interactive"},
};

inline constexpr Word kCompoundTails[] = {
    {"wave", "wave"},   {"works", "works"}, {"ly", "ly"},       {"hub", "hub"},
    {"stack", "stack"}, {"line", "line"},   {"point", "point"}, {"forge", "forge"},
    {"loop", "loop"},   {"field", "field"}, {"gate", "gate"},   {"mark", "mark"},
    {"flow", "flow"},   {"bit", "bit"},     {"scale", "scale"}, {"path", "path"},
    {"sync", "sync"},   {"nest", "nest"},   {"shift", "shift"}, {"craft", "craft"},
};

inline constexpr const char* kBigLogoTails[] = {
    "Global", "International", "Holdings", "Industries", "Worldwide", "Group", "Corporation",
};

// Legal suffixes per region (NA, EMEA, APAC, LATAM). Some contain a comma (CSV quoting).
inline constexpr const char* kLegalNA[] = {"Inc.", "Inc.", "Inc.", "LLC", "LLC", "Corp.", ", Inc.", ", LLC"};
inline constexpr const char* kLegalEMEA[] = {"Ltd", "GmbH", "AG", "SAS", "B.V.", "AB", "Oy", "S.p.A.", "plc", "ApS"};
inline constexpr const char* kLegalAPAC[] = {"Pty Ltd", "Pte. Ltd.", "K.K.", "Pvt. Ltd."};
inline constexpr const char* kLegalLATAM[] = {"S.A.", "Ltda.", "S.A. de C.V."};

// Hand-written names exercising CSV quoting (commas, double quotes) and UTF-8.
struct SpecialName {
  const char* name;
  const char* domain;
  int region;  // 0 NA, 1 EMEA, 2 APAC, 3 LATAM
};
inline constexpr SpecialName kSpecialNames[] = {
    {"Smith, Barney & Klein LLP", "smithbarneyklein.com", 0},
    {"Joe's \"Fresh\" Market, Inc.", "joesfreshmarket.com", 0},
    {"Müller Präzisionstechnik GmbH", "mueller-praezision.de", 1},
    {"Société Lumière SARL", "societe-lumiere.fr", 1},
    {"Björk & Ström AB", "bjorkstrom.se", 1},
    {"São Paulo Logística Ltda.", "splogistica.com.br", 3},
    {"Łódź Software sp. z o.o.", "lodzsoftware.pl", 1},
    {"株式会社さくらデータ", "sakuradata.co.jp", 2},
    {"Café Olé, S.L.", "cafeole.es", 1},
    {"Nordlys Økonomi AS", "nordlys-okonomi.no", 1},
    {"Zürcher Datenwerk AG", "datenwerk.ch", 1},
    {"Αθηνά Analytics", "athena-analytics.gr", 1},
    {"Ñandú Software S.A.", "nandusoftware.com.ar", 3},
    {"O'Brien & Daughters, Ltd.", "obriendaughters.ie", 1},
    {"\"Studio Kraków\" Sp. z o.o.", "studiokrakow.pl", 1},
    {"Bauer, Koch und Partner mbB", "bauerkoch.de", 1},
    {"Dvořák & Synové s.r.o.", "dvorak-synove.cz", 1},
    {"The \"Good Enough\" Company", "goodenough.co", 0},
    {"Hôtel Beauséjour Group", "beausejour-group.fr", 1},
    {"Ångström Labs, Inc.", "angstromlabs.com", 0},
    {"上海云图科技有限公司", "yuntu-tech.cn", 2},
    {"Kåre & Sønner A/S", "kare-sonner.dk", 1},
    {"İstanbul Yazılım A.Ş.", "istanbulyazilim.com.tr", 1},
    {"Peña, Núñez y Asociados", "penanunez.mx", 3},
};

inline constexpr const char* kDepartments[] = {
    "Marketing", "Engineering", "Sales", "EMEA", "APAC", "Finance", "Product", "Operations", "Data Team",
};

inline constexpr const char* kIndustries[] = {
    "Software",      "Financial Services", "Healthcare", "Retail",     "Manufacturing",
    "Education",     "Media",              "Logistics",  "Professional Services",
    "Government",    "Nonprofit",          "Telecommunications",
};

// Account executives (trials) then customer-success managers (paid accounts).
inline constexpr const char* kOwners[] = {
    "Zoë Martín",  "Jürgen Weiß",  "Aiko Tanaka", "Priya Natarajan", "Marcus O'Neill",
    "Sofia Lindqvist", "Dev Patel", "Chloé Dubois", "Kwame Mensah", "Laura Chen",
};

inline constexpr const char* kRegions[] = {"NA", "EMEA", "APAC", "LATAM"};

}  // namespace gen
