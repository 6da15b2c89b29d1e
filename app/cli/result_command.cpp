// werkcheck result: what the result pages would show for one set of answers, as JSON, computed
// with the kiosk's own profile and matching (core/scoring). For content authors and coaches
// ("what would this person get?") and for the matching tests.
#include "cli/commands.h"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "content/content_history.h"
#include "content/content_pack.h"
#include "platform/files.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "screens/screen_table.h"

namespace wk {

namespace {
using nlohmann::json;

struct BadAnswers {
  std::string problem;
};

json read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BadAnswers{path + ": cannot read the file"};
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    return json::parse(buf.str());
  } catch (const json::parse_error& e) {
    throw BadAnswers{path + ": not valid JSON (" + e.what() + ")"};
  }
}

// The content version a whole exported session was made with ("content": {"version"}), or "".
std::string session_version(const json& j) {
  if (!j.is_object() || !j.contains("content") || !j.at("content").is_object()) return "";
  const json& v = j.at("content").value("version", json());
  return v.is_string() ? v.get<std::string>() : "";
}

// FILE holds {"<module>.<item>": ["option", ...]} (the export's "answers"), or a whole exported
// session with such an "answers" object. Everything in it must name the questions and options
// of `c`: the current content, or for a session the content version it was made with.
// `unknown_version` says why a question may be missing (the session's version is not kept).
Answers read_answers(const ContentPack& c, json j, const std::string& path, const std::string& unknown_version) {
  if (j.is_object() && j.contains("answers") && j.at("answers").is_object()) j = j.at("answers");
  if (!j.is_object()) throw BadAnswers{path + ": must be one JSON object {\"<module>.<item>\": [\"option\", ...]}"};
  Answers answers;
  for (const auto& [key, values] : j.items()) {
    const Item* item = c.item_for_answer_key(key);
    if (!item)
      throw BadAnswers{path + ": \"" + key + "\" is not a question of this content (version " + c.version + ")" +
                       (unknown_version.empty() ? "" : "; the answers were " + unknown_version)};
    if (!values.is_array()) throw BadAnswers{path + ": \"" + key + "\" must be a list of option ids"};
    for (const auto& v : values) {
      if (!v.is_string()) throw BadAnswers{path + ": \"" + key + "\" must be a list of option ids"};
      const std::string id = v.get<std::string>();
      bool known = false;
      for (const auto& o : item->options) known = known || o.id == id;
      if (!known) throw BadAnswers{path + ": \"" + key + "\" has no option \"" + id + "\""};
      answers[key].push_back(id);
    }
    if (static_cast<int>(answers[key].size()) > item->max_choices)
      throw BadAnswers{path + ": \"" + key + "\" has more answers than its " + std::to_string(item->max_choices)};
  }
  return answers;
}

json answer_json(const ContentPack& c, const AnswerRef& a) {
  const Option* o = answered_option(c, a);
  return {{"key", a.key}, {"option", a.option}, {"text", o ? c.text(c.source_locale, o->text_key) : ""}};
}

json occupation_json(const ContentPack& c, const OccupationMatch& m) {
  const Occupation& o = *m.occupation;
  const std::string& nl = c.source_locale;
  json reasons = json::array();
  for (const auto& r : m.reasons) {
    json backed = json::array();
    for (const auto& a : r.answers) backed.push_back(answer_json(c, a));
    reasons.push_back({{"key", r.text_key}, {"text", c.text(nl, r.text_key)}, {"answers", backed}});
  }
  json j = {{"id", o.id},
            {"esco_uri", o.esco_uri},
            {"isco", o.isco},
            {"name", c.text(nl, o.plain_key())},
            {"esco_label", c.text(nl, o.name_key())},
            {"picture", o.picture},
            {"sector", o.sector},
            {"fit", {{"key", m.fit_key}, {"text", c.text(nl, m.fit_key)}}},
            {"reasons", reasons},
            {"prospect", nullptr}};
  if (!m.route_key.empty()) j["route"] = {{"key", m.route_key}, {"text", c.text(nl, m.route_key)}};
  if (m.prospect)
    j["prospect"] = {{"label", m.prospect_label},
                     {"text", c.text(nl, "prospect." + m.prospect_label)},
                     {"group", m.prospect->group},
                     {"region", m.prospect->region},
                     {"ratio", m.prospect->ratio},
                     {"period", m.prospect->period},
                     {"source", m.prospect->source}};
  return j;
}

json profile_json(const Profile& p) {
  json plan = json::array();
  for (const auto& [action, when] : p.plan) plan.push_back({{"action", action}, {"when", when}});
  return {{"riasec", p.riasec},     {"top_types", p.top_types}, {"skills", p.skills},
          {"values", p.values},     {"behaviours", p.behaviours}, {"barriers", p.barriers},
          {"network", p.network},   {"reasons", p.reasons},     {"motives", p.motives},
          {"situation", p.situation}, {"sector", p.sector},     {"school", p.school},
          {"age", p.age},           {"plan", plan}};
}
}  // namespace

int result_command(const CommandLine& cl) {
  return run_result(cl.content_dir, cl.answers_path, cl.region, std::cout, std::cerr);
}

int run_result(const std::string& content_dir, const std::string& answers_path, const std::string& region,
               std::ostream& out, std::ostream& err) {
  if (answers_path.empty()) {
    err << "werkcheck result: --answers FILE is needed\n";
    return 2;
  }
  if (!files::exists(content_dir + "/check.json")) {
    err << "werkcheck result: " << content_dir << " is not a content pack (no check.json)\n";
    return 2;
  }
  auto loaded = load_content_pack(content_dir, kiosk_content_needs());
  if (!loaded.pack) {
    err << "werkcheck result: " << loaded.error << "\n";
    return 2;
  }
  const ContentVersions versions(*loaded.pack);
  const ContentPack* pack = &versions.current();
  Answers answers;
  try {
    const json j = read_json(answers_path);
    // A session made with an earlier content version is read with that version's questions.
    const std::string version = session_version(j);
    if (!version.empty()) pack = &versions.for_version(version);
    const std::string unknown_version = version.empty() || versions.knows(version)
                                            ? ""
                                            : "made with content version " + version + ", which is not kept in " +
                                                  content_dir + "/history";
    answers = read_answers(*pack, j, answers_path, unknown_version);
  } catch (const BadAnswers& e) {
    err << "werkcheck result: " << e.problem << "\n";
    return 2;
  }
  const ContentPack& c = *pack;
  const Profile p = build_profile(c, answers);
  MatchOptions mo;
  mo.region = region;  // a region without rows falls back to Nederland, as on the kiosk
  json occupations = json::array(), other = json::array(), excluded = json::array();
  for (const auto& m : suggested_occupations(c, p, mo)) occupations.push_back(occupation_json(c, m));
  for (const auto& m : transition_options(c, p, mo)) other.push_back(occupation_json(c, m));
  for (const auto& e : excluded_occupations(c, p)) {
    json why = json::array();
    for (const auto& a : e.answers) why.push_back(answer_json(c, a));
    excluded.push_back({{"id", e.occupation->id},
                        {"name", c.text(c.source_locale, e.occupation->plain_key())},
                        {"rule", e.rule},
                        {"answers", why}});
  }
  json result = {{"content", {{"id", c.id}, {"version", c.version}}},
                 {"profile", profile_json(p)},
                 {"occupations", occupations},
                 {"other_work", other},
                 {"excluded", excluded}};
  out << result.dump(2) << "\n";
  return 0;
}

}  // namespace wk
