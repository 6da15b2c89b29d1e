#include "result_view.h"

#include <algorithm>
#include <ctime>
#include <set>

#include "content/content_history.h"
#include "platform/random_ids.h"
#include "scoring/answer_quality.h"
#include "scoring/matching.h"
#include "scoring/profile.h"
#include "session/session_json.h"

namespace wk::coach {

using nlohmann::json;

namespace {

json card(const std::string& text, const std::string& picture) { return {{"text", text}, {"picture", picture}}; }

// Each answered item whose options carry one of `tags`: the question, and the chosen options
// with their pictures. Unanswered items are listed as skipped, so a coach sees the gap.
json answered_items(const ContentPack& c, const Answers& answers, const std::set<std::string>& tags,
                    const std::string& lang) {
  json out = json::array();
  for (const auto& m : c.modules)
    for (const auto& item : m.items) {
      if (item.type != ItemType::Choice) continue;
      bool wanted = false;
      for (const auto& o : item.options)
        for (const auto& [tag, v] : o.tags) wanted = wanted || tags.count(tag);
      if (!wanted) continue;
      json chosen = json::array();
      if (auto it = answers.find(item.key); it != answers.end())
        for (const auto& id : it->second)
          for (const auto& o : item.options)
            if (o.id == id) chosen.push_back(card(c.text(lang, o.text_key), o.picture));
      out.push_back({{"question", c.text(lang, item.key)},
                     {"picture", item.picture},
                     {"answers", chosen},
                     {"skipped", chosen.empty()}});
    }
  return out;
}

// Every question of the check in order with the answer given (per-choice questions once per
// option they follow, e.g. "when?" for each chosen action): the detail behind the summaries.
json all_answers(const ContentPack& c, const Answers& answers, const std::string& lang) {
  json modules = json::array();
  auto answer_cards = [&](const Item& item, const std::string& key) {
    json chosen = json::array();
    if (auto it = answers.find(key); it != answers.end())
      for (const auto& id : it->second)
        for (const auto& o : item.options)
          if (o.id == id) chosen.push_back(card(c.text(lang, o.text_key), o.picture));
    return chosen;
  };
  for (const auto& m : c.modules) {
    json items = json::array();
    for (const auto& item : m.items) {
      if (item.type == ItemType::Choice) {
        json chosen = answer_cards(item, item.key);
        items.push_back({{"question", c.text(lang, item.key)}, {"picture", item.picture}, {"answers", chosen},
                         {"skipped", chosen.empty()}});
        continue;
      }
      const Item* of = c.find_item(m.id, item.of);
      auto followed = answers.find(m.id + "." + item.of);
      if (!of || followed == answers.end()) continue;
      for (const auto& opt : followed->second)
        for (const auto& o : of->options)
          if (o.id == opt) {
            json chosen = answer_cards(item, item.answer_key(opt));
            items.push_back({{"question", c.text(lang, o.text_key) + ": " + c.text(lang, item.key)},
                             {"picture", o.picture},
                             {"answers", chosen},
                             {"skipped", chosen.empty()}});
          }
    }
    int answered = 0;
    for (const auto& i : items) answered += !i["skipped"].get<bool>();
    if (answered == 0) continue;  // a follow-up does not ask every part
    modules.push_back({{"title", c.text(lang, m.title_key)}, {"picture", m.picture}, {"items", items},
                       {"answered", std::to_string(answered)}, {"asked", std::to_string(items.size())}});
  }
  return modules;
}

json behaviour_rows(const std::vector<BehaviourChange>& changes, const ContentPack& c, const std::string& lang,
                    bool compare) {
  json rows = json::array();
  // An answer is "klopt" (2) or "klopt niet" (1), whichever form asked it (core/scoring/profile.h).
  auto said = [&](int v) { return v ? c.text(lang, v >= 2 ? "ui.followup.true" : "ui.followup.not_true") : std::string("-"); };
  for (const auto& ch : changes) {
    json r = {{"question", c.text(lang, ch.statement.text_key)},
              {"picture", ch.statement.picture},
              {"behaviour", ch.behaviour},
              {"score", said(ch.now)},
              {"answered", ch.now > 0},
              {"bar", ch.now * 50}};  // percent of the bar: klopt niet 50, klopt 100
    if (compare) {
      r["before"] = said(ch.before);
      r["before_bar"] = ch.before * 50;
      r["more"] = ch.before && ch.now && ch.now > ch.before;
      r["less"] = ch.before && ch.now && ch.now < ch.before;
      r["same"] = !(r["more"].get<bool>() || r["less"].get<bool>());
      r["delta"] = (ch.before && ch.now) ? (ch.now > ch.before ? "+" : "") + std::to_string(ch.now - ch.before) : "";
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

json occupation_card(const ContentPack& c, const OccupationMatch& m, const std::string& lang,
                     const std::string& from_sector) {
  const Occupation& o = *m.occupation;
  json reasons = json::array();
  for (const auto& r : m.reasons) reasons.push_back(c.text(lang, r.text_key));
  // The everyday name the participant saw, with the ESCO label; the fit in words, as on the kiosk.
  json j = {{"name", c.text(lang, o.plain_key())},
            {"esco_label", c.text(lang, o.name_key())},
            {"picture", o.picture},
            {"esco_uri", o.esco_uri},
            {"isco", o.isco},
            {"sector", c.text(lang, "sector." + o.sector)},
            {"fit", c.text(lang, m.fit_key)},
            {"reasons", reasons},
            {"prospect", m.prospect_label.empty() ? c.text(lang, "ui.result.prospect_unknown")
                                                  : c.text(lang, "prospect." + m.prospect_label)},
            {"has_prospect", m.prospect != nullptr},
            {"transition", m.transition}};
  if (!m.route_key.empty()) j["route"] = c.text(lang, m.route_key);
  if (m.prospect) {
    j["prospect_source"] = m.prospect->source;
    j["prospect_period"] = m.prospect->period;
    j["prospect_region"] = m.prospect->region;
    j["prospect_group"] = m.prospect->group;
  }
  if (!from_sector.empty()) j["from_sector"] = c.text(lang, "sector." + from_sector);
  return j;
}

// The occupations left out, one group per limit: the answers that set it and the names.
json excluded_groups(const ContentPack& c, const Profile& p, const std::string& lang) {
  const auto excluded = excluded_occupations(c, p);
  json groups = json::array();
  for (const auto& rule : limit_rules()) {
    json names = json::array(), answers = json::array();
    for (const auto& e : excluded) {
      if (e.rule != rule) continue;
      names.push_back(c.text(lang, e.occupation->plain_key()));
      if (answers.empty())
        for (const auto& a : e.answers) {
          const Option* o = answered_option(c, a);
          json answer = card(o ? c.text(lang, o->text_key) : a.key + " = " + a.option, o ? o->picture : "");
          // "Mijn gezondheid" as a barrier and as a reason for coming: one chip.
          if (std::find(answers.begin(), answers.end(), answer) == answers.end()) answers.push_back(std::move(answer));
        }
    }
    if (!names.empty())
      groups.push_back({{"rule_" + rule, true}, {"answers", answers}, {"occupations", names}, {"count", names.size()}});
  }
  return groups;
}

// A question by its answer key, in the coach's words; a per-choice key (plan.wanneer.coach) with
// the option it follows. A key the content no longer has is shown as it is.
std::string question_text(const ContentPack& c, const std::string& key, const std::string& lang) {
  for (const auto& m : c.modules)
    for (const auto& item : m.items) {
      if (item.key == key) return c.text(lang, key);
      if (item.type == ItemType::PerChoice && key.rfind(item.key + ".", 0) == 0)
        if (const Item* of = c.find_item(m.id, item.of))
          for (const auto& o : of->options)
            if (item.answer_key(o.id) == key) return c.text(lang, o.text_key) + ": " + c.text(lang, item.key);
    }
  return key;
}

// How the answers were given: duration, skips, one answer everywhere, changed answers.
json quality_view(const ContentPack& c, const SessionRecord& s, const std::string& lang) {
  const AnswerQuality q = answer_quality(c, s);
  json skipped = json::array(), changed = json::array(), same = json::array();
  for (const auto& k : q.skipped) skipped.push_back(question_text(c, k, lang));
  for (const auto& k : q.changed) changed.push_back(question_text(c, k, lang));
  for (const auto& a : q.same_everywhere) same.push_back({{"answer", c.text(lang, a.option_text)}, {"items", a.items}});
  json v = {{"known_duration", q.duration_s >= 0},
            {"minutes", q.duration_s >= 0 ? (q.duration_s + 30) / 60 : 0},
            {"under_a_minute", q.duration_s >= 0 && q.duration_s < 30},
            {"skipped", skipped},
            {"skipped_count", skipped.size()},
            {"has_skipped", !skipped.empty()},
            {"same", same},
            {"has_same", !same.empty()},
            {"changed", changed},
            {"changed_count", changed.size()},
            {"has_changed", !changed.empty()}};
  return v;
}

// Tag values as cards: a skill, value or action with the picture the kiosk showed for it.
json tag_cards(const ContentPack& c, const std::string& tag, const std::vector<std::string>& values,
               const std::string& text_prefix, const std::string& lang) {
  json out = json::array();
  for (const auto& v : values) {
    const Option* o = c.option_with_tag(tag, v);
    std::string text = text_prefix.empty() ? (o ? c.text(lang, o->text_key) : v) : c.text(lang, text_prefix + v);
    // Interest types have their own pictures; everything else shows the card the kiosk showed.
    const std::string picture = tag == "riasec" ? (c.riasec_pictures.count(v) ? c.riasec_pictures.at(v) : "")
                                                : c.picture_for_tag(tag, v);
    out.push_back(card(text, picture));
  }
  return out;
}

// then/now for a set of tag values: kept, new, dropped.
json set_change(const ContentPack& c, const std::string& tag, const std::vector<std::string>& before,
                const std::vector<std::string>& now, const std::string& text_prefix, const std::string& lang) {
  std::vector<std::string> kept, added, dropped;
  for (const auto& v : now) (std::find(before.begin(), before.end(), v) != before.end() ? kept : added).push_back(v);
  for (const auto& v : before)
    if (std::find(now.begin(), now.end(), v) == now.end()) dropped.push_back(v);
  return {{"kept", tag_cards(c, tag, kept, text_prefix, lang)},
          {"added", tag_cards(c, tag, added, text_prefix, lang)},
          {"dropped", tag_cards(c, tag, dropped, text_prefix, lang)},
          {"changed", !added.empty() || !dropped.empty()}};
}

std::vector<std::string> plan_actions(const Profile& p) {
  std::vector<std::string> out;
  for (const auto& [action, when] : p.plan) out.push_back(action);
  return out;
}

bool is_follow_up(const SessionRecord& s) { return !s.follow_up_of.empty(); }

// Answers to questions or options `c` does not have (a content version that is not kept, or a
// damaged row): each stays on the page, said plainly to be gone, never silently dropped.
json retired_answers(const ContentPack& c, const Answers& answers, const std::string& lang) {
  json out = json::array();
  for (const auto& [key, ids] : answers) {
    if (key.rfind("followup.", 0) == 0) continue;  // the follow-up's own question, not content
    const Item* item = c.item_for_answer_key(key);
    json gone = json::array();
    for (const auto& id : ids) {
      const bool known = item && std::any_of(item->options.begin(), item->options.end(),
                                             [&](const Option& o) { return o.id == id; });
      if (!known) gone.push_back(id);
    }
    if (item && gone.empty()) continue;
    out.push_back({{"key", key},
                   {"question", item ? question_text(c, key, lang) : ""},
                   {"question_gone", item == nullptr},
                   {"answers", gone}});
  }
  return out;
}

// When the check was done: when it ended, or for one that never ended, when it started.
std::string check_date(const SessionRecord& s) { return display_time(s.ended_at.empty() ? s.started_at : s.ended_at); }

}  // namespace

std::string display_time(const std::string& iso) {
  std::tm utc{};
  if (iso.size() < 16 || !strptime(iso.substr(0, 16).c_str(), "%Y-%m-%dT%H:%M", &utc)) return iso;
  const std::time_t t = timegm(&utc);
  std::tm local{};
  localtime_r(&t, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%d-%m-%Y %H:%M", &local);
  return buf;
}

json check_view(const ContentPack& c, const CheckRecord& check, const ViewOptions& opt) {
  const std::string& lang = opt.lang;
  const SessionRecord s = session_from_json(check.session);
  const Answers answers = answers_from_json(check.session);
  const Profile p = build_profile(c, answers);
  MatchOptions mo;
  mo.region = opt.region;

  json v;
  v["uuid"] = s.uuid;
  v["date"] = check_date(s);
  v["status"] = s.status;
  v["finished"] = s.status == "finished";
  v["locale"] = s.locale;
  v["kiosk_group"] = check.kiosk_group;
  v["follow_up"] = is_follow_up(s);
  v["content_version"] = s.content_version;
  v["answered"] = static_cast<int>(answers.size());
  v["quality"] = quality_view(c, s, lang);

  v["intake"] = answered_items(c, answers, {"reason", "situation", "sector", "school", "age"}, lang);

  // Interests: every RIASEC type with its mean (0..1) as a bar; the clear favourites as cards.
  json types = json::array();
  for (const std::string t : {"R", "I", "A", "S", "E", "C"}) {
    auto it = p.riasec.find(t);
    const bool answered = it != p.riasec.end() && p.riasec_answered.count(t);
    const int pct = answered ? static_cast<int>(it->second * 100 + 0.5) : 0;
    const bool top = std::find(p.top_types.begin(), p.top_types.end(), t) != p.top_types.end();
    types.push_back({{"type", t},
                     {"name", c.text(lang, "riasec." + t)},
                     {"picture", c.riasec_pictures.count(t) ? c.riasec_pictures.at(t) : ""},
                     {"pct", pct},
                     {"answered", answered},
                     {"top", top}});
  }
  json top = json::array();
  for (const auto& t : p.top_types)
    top.push_back({{"name", c.text(lang, "riasec." + t)},
                   {"reason", c.text(lang, "reason.riasec." + t)},
                   {"picture", c.riasec_pictures.count(t) ? c.riasec_pictures.at(t) : ""}});
  v["interests"] = {{"types", types}, {"top", top}, {"none", top.empty()}};

  std::vector<std::string> good, some;
  for (const auto& [skill, level] : p.skills) (level >= 2 ? good : some).push_back(skill);
  some.erase(std::remove_if(some.begin(), some.end(), [&](const std::string& s2) { return p.skills.at(s2) < 1; }),
             some.end());
  // "Een beetje": the skill's own question with the answer given ("Autorijden. Hoe goed kun je
  // dat?" – "Een beetje"), since the result's phrase for a skill says "you are good at".
  json some_cards = json::array();
  for (const auto& m : c.modules)
    for (const auto& item : m.items) {
      auto t = item.tags.find("skill");
      if (t == item.tags.end() || std::find(some.begin(), some.end(), t->second) == some.end()) continue;
      std::string answer;
      if (auto it = answers.find(item.key); it != answers.end() && !it->second.empty())
        for (const auto& o : item.options)
          if (o.id == it->second.front()) answer = c.text(lang, o.text_key);
      some_cards.push_back({{"text", c.text(lang, item.key)}, {"answer", answer}, {"picture", item.picture}});
    }
  v["strengths"] = {{"good", tag_cards(c, "skill", good, "reason.skill.", lang)},
                    {"some", some_cards},
                    {"none", good.empty()},
                    {"has_some", !some.empty()}};
  v["values"] = tag_cards(c, "value", {p.values.begin(), p.values.end()}, "reason.value.", lang);

  v["behaviours"] = behaviour_rows(behaviour_changes(c, Profile{}, p), c, lang, false);
  v["barriers"] = answered_items(c, answers, {"barrier"}, lang);
  v["network"] = answered_items(c, answers, {"network"}, lang);

  json occupations = json::array();
  if (!is_follow_up(s))
    for (const auto& m : suggested_occupations(c, p, mo)) occupations.push_back(occupation_card(c, m, lang, ""));
  v["occupations"] = occupations;
  json transitions = json::array();
  if (!is_follow_up(s))
    for (const auto& m : transition_options(c, p, mo)) transitions.push_back(occupation_card(c, m, lang, p.sector));
  v["has_transitions"] = !transitions.empty();
  v["excluded"] = is_follow_up(s) ? json::array() : excluded_groups(c, p, lang);
  v["has_excluded"] = !v["excluded"].empty();
  v["transitions"] = transitions;
  if (const Story* st = is_follow_up(s) ? nullptr : fitting_story(c, p))
    v["story"] = {{"title", c.text(lang, st->title_key())}, {"text", c.text(lang, st->text_key())}, {"picture", st->picture}};

  json plan = json::array();
  for (const auto& [action, when] : p.plan) {
    const Option* a = c.option_with_tag("action", action);
    const Option* w = when.empty() ? nullptr : c.option_with_tag("when", when);
    plan.push_back({{"text", a ? c.text(lang, a->text_key) : action},
                    {"picture", a ? a->picture : ""},
                    {"when", w ? c.text(lang, w->text_key) : ""}});
  }
  v["plan"] = plan;

  // A follow-up asks which of the earlier plan's steps were taken ("followup.steps").
  json steps = json::array();
  if (auto it = answers.find("followup.steps"); it != answers.end())
    for (const auto& id : it->second) {
      const Option* o = nullptr;
      for (const auto& m : c.modules)
        for (const auto& item : m.items)
          for (const auto& opt2 : item.options)
            if (opt2.id == id && opt2.tags.count("action")) o = &opt2;
      if (id == "none") steps.push_back(card(c.text(lang, "followup.none"), c.ui_picture("none")));
      else steps.push_back(card(o ? c.text(lang, o->text_key) : id, o ? o->picture : ""));
    }
  v["has_steps"] = !steps.empty();
  v["steps_taken"] = steps;
  v["steps_question"] = c.text(lang, "followup.steps");
  v["all_answers"] = all_answers(c, answers, lang);
  v["retired"] = retired_answers(c, answers, lang);
  v["has_retired"] = !v["retired"].empty();
  return v;
}

json participant_view(const ContentVersions& versions, const std::vector<CheckRecord>& checks,
                      const ViewOptions& opt) {
  json v;
  if (checks.empty()) return v;
  std::vector<SessionRecord> sessions;
  for (const auto& ch : checks) sessions.push_back(session_from_json(ch.session));
  // Each check is read with the questions and words of the content version it was made with.
  auto view_of = [&](const CheckRecord& check, const SessionRecord& s) {
    const ContentPack& pack = versions.for_version(s.content_version);
    json view = check_view(pack, check, opt);
    view["earlier_version"] = pack.version != versions.current().version;
    view["version_not_kept"] = !s.content_version.empty() && !versions.knows(s.content_version);
    return view;
  };
  const ContentPack& c = versions.current();
  const std::string code = sessions.back().code;
  v["code"] = code;
  v["display_code"] = ids::display_code(code);

  // The result: the latest full check (a follow-up only repeats the behaviour questions).
  const CheckRecord* full = &checks.front();
  for (size_t i = 0; i < checks.size(); ++i)
    if (!is_follow_up(sessions[i])) full = &checks[i];
  v["result"] = view_of(*full, sessions[full - &checks.front()]);

  json list = json::array();
  for (size_t i = 0; i < checks.size(); ++i) {
    const SessionRecord& s = sessions[i];
    list.push_back({{"number", static_cast<int>(i + 1)},
                    {"date", check_date(s)},
                    {"follow_up", is_follow_up(s)},
                    {"status", s.status},
                    {"finished", s.status == "finished"},
                    {"kiosk_group", checks[i].kiosk_group},
                    {"shown", &checks[i] == full}});
  }
  v["checks"] = list;
  v["check_count"] = static_cast<int>(checks.size());
  v["has_history"] = checks.size() > 1;
  if (checks.size() < 2) return v;

  // First and latest side by side: what changed.
  const CheckRecord& first = checks.front();
  const CheckRecord& latest = checks.back();
  // Each profile from its own version's questions; they meet in the tags (behaviour, skill, ...).
  const Profile before =
      build_profile(versions.for_version(sessions.front().content_version), answers_from_json(first.session));
  const Profile now =
      build_profile(versions.for_version(sessions.back().content_version), answers_from_json(latest.session));
  json h;
  h["first"] = view_of(first, sessions.front());
  h["latest"] = view_of(latest, sessions.back());
  h["behaviours"] = behaviour_rows(behaviour_changes(c, before, now), c, opt.lang, true);
  int more = 0, less = 0;
  for (const auto& r : h["behaviours"]) {
    more += r["more"].get<bool>();
    less += r["less"].get<bool>();
  }
  h["more_count"] = more;
  h["less_count"] = less;
  // Interests, strengths, values, barriers and plan only change in a full check; a follow-up
  // does not ask them again, so only then are they compared.
  const bool latest_full = !is_follow_up(sessions.back());
  h["latest_full"] = latest_full;
  if (latest_full) {
    h["interests"] = set_change(c, "riasec", before.top_types, now.top_types, "riasec.", opt.lang);
    h["strengths"] = set_change(c, "skill", before.strong_skills(), now.strong_skills(), "reason.skill.", opt.lang);
    h["values"] = set_change(c, "value", {before.values.begin(), before.values.end()},
                             {now.values.begin(), now.values.end()}, "reason.value.", opt.lang);
    h["barriers"] = set_change(c, "barrier", {before.barriers.begin(), before.barriers.end()},
                               {now.barriers.begin(), now.barriers.end()}, "", opt.lang);
    h["plan"] = set_change(c, "action", plan_actions(before), plan_actions(now), "", opt.lang);
  }
  v["history"] = h;
  return v;
}

}  // namespace wk::coach
