#include "screens/operator_parts.h"

#include <algorithm>
#include <map>

#include "platform/log.h"
#include "record/recorder_words.h"
#include "screens/languages_offered.h"

namespace wk {

// Used when the content pack itself could not be loaded: the operator still needs words.
// The same Dutch as locales/screens-nl.po and nl.po.
std::string builtin_operator_text(const std::string& key) {
  static const std::map<std::string, std::string> texts = {
      {"operator.pin.title", "PIN medewerker"}, {"operator.pin.wrong", "Verkeerde PIN"},
      {"operator.pin.locked", "Te vaak fout. Wacht een minuut."}, {"operator.ok", "OK"},
      {"operator.clear", "Wissen"}, {"operator.cancel", "Annuleren"}, {"operator.title", "Beheer"},
      {"operator.exit", "Afsluiten"}, {"operator.volume", "Volume"}, {"operator.language", "Standaardtaal"},
      {"operator.credits", "Bronnen"}, {"operator.status", "Status"}, {"operator.back", "Terug"},
      {"operator.enroll", "Aanmelden bij de server"}, {"operator.enroll.title", "Typ de aanmeldcode"},
      {"operator.enroll.busy", "Bezig met aanmelden..."},
      {"operator.enroll.done", "Aangemeld. De kiosk stuurt nu checks naar de server."},
      {"operator.demo_pin_warning", "Let op: de demo-PIN is in gebruik. Stel een eigen PIN in met werkcheck set-pin."},
      {"operator.out_of_order_reason", "Voor de medewerker: {reason}"},
      {"operator.status.volume", "Volume: {percent}%"},
      {"operator.headphones_on", "Koptelefoon: aan"}, {"operator.headphones_off", "Koptelefoon: uit"},
      {"operator.status.participant_volume", "deelnemer begint op {start}%, maximaal {max}%"},
      {"operator.status.out_of_order", "Buiten gebruik: {reason}"},
      {"operator.status.data", "Gegevens: {dir}"},
      {"operator.status.sessions", "Opgeslagen sessies: {count}"},
      {"operator.status.content", "Inhoud: {id} {version}"},
      {"operator.status.audio_on", "Geluid: aan"},
      {"operator.status.audio_off", "Geluid: geen apparaat (stil)"},
      {"operator.status.clip_problem", "Geluid: {count} clips spelen niet, hun tekst staat er zonder geluid. Laatste: {problem}"},
      {"operator.status.screen", "Scherm: {width}x{height} px, {px_per_mm} px/mm"},
      {"operator.status.sync_off", "Sync: uit (geen server_url in kiosk.json)"},
      {"operator.status.sync_not_enrolled", "Sync: niet aangemeld (werkcheck enroll --server URL --code CODE)"},
      {"operator.status.sync_online", "Sync: online, organisatie {organisation}"},
      {"operator.status.sync_offline", "Sync: offline, organisatie {organisation}"},
      {"operator.status.last_sync", "Laatste geslaagde sync: {time}"},
      {"operator.status.last_sync_never", "Laatste geslaagde sync: nooit"},
      {"operator.status.pending", "Wachtend: {pending}, conflicten: {conflicts}"},
      {"operator.status.content_ready", "Inhoudsupdate klaar: {version}"},
      {"operator.status.sync_problem", "Syncprobleem: {problem}"},
      {"operator.status.caches", "Geheugen: plaatjes {pictures} van {pictures_budget} MB, geluid {clips} van {clips_budget} MB"},
      {"operator.status.printer", "Printer: {queue}, {printed} briefjes geprint"},
      {"operator.status.printer_none", "Printer: geen (geen printer in kiosk.json)"},
      {"operator.status.print_problem", "Printprobleem: {problem}"},
      {"operator.status.log", "Logboek: {file}"},
      {"operator.languages", "Talen"}, {"operator.language.on", "aan"}, {"operator.language.off", "uit"},
      {"operator.language.last_on", "Eén taal blijft altijd aan."},
      {"operator.language.reviewed", "nagekeken door een moedertaalspreker"},
      {"operator.language.not_reviewed", "niet nagekeken door een moedertaalspreker"},
      {"operator.status.language", "Taal {name} ({code}): {state}, {review}"},
      {"operator.credits.translation", "Vertaling {name}: {translator}; {review}"},
      {"operator.status.voices", "Stemmen {lang}: {recorded} opgenomen, {generated} computerstem, {missing} ontbreken"},
      {"operator.clip.missing", "het bestand ontbreekt"},
      {"operator.clip.not_ogg", "geen Ogg Vorbis-bestand"},
      {"operator.clip.damaged", "het bestand is beschadigd"},
      {"operator.clip.cut_off", "het bestand is afgebroken, het einde ontbreekt"},
      {"operator.clip.no_sound", "er zit geen geluid in het bestand"},
      {"operator.clip.unreadable", "het WAV-bestand is niet te lezen"},
  };
  auto it = texts.find(key);
  return it == texts.end() ? builtin_recorder_text(key) : it->second;  // the recorder's, or the key
}

std::string operator_text(const ScreenContext& ctx, const std::string& key) {
  return ctx.content() ? ctx.t(key) : builtin_operator_text(key);
}

Target operator_target(const std::string& id, const std::string& label, const Rect& r, TargetStyle style) {
  Target t{id, label, "", r, style};
  t.participant = false;
  return t;
}

void operator_action(ScreenContext& ctx, const std::string& action) {
  KioskConfig& config = ctx.config();
  if (action == "exit") {
    log::info("operator", "exit");
    ctx.effects().quit = true;
  } else if (action == "volume_down" || action == "volume_up") {
    int step = action == "volume_up" ? 10 : -10;
    config.volume_percent = std::clamp(config.volume_percent + step, 0, 100);
    ctx.effects().settings_changed = true;
    ctx.effects().speak = std::vector<Clip>{{ctx.locale(), "ui.attract.title"}};  // a sample at the new volume
  } else if (action == "headphones") {
    config.headphones = !config.headphones;
    log::info("operator", std::string("headphones ") + (config.headphones ? "on" : "off"));
    ctx.effects().settings_changed = true;
    ctx.effects().speak = std::vector<Clip>{{ctx.locale(), "ui.attract.title"}};  // a sample at the level it gives
  } else if (action == "language" && ctx.content()) {
    const auto cats = offered_languages(*ctx.content(), config);  // the default is one that is offered
    size_t i = 0;
    while (i < cats.size() && cats[i]->code != config.default_locale) ++i;
    config.default_locale = cats[(i + 1) % cats.size()]->code;
    ctx.set_locale(config.default_locale);
    ctx.effects().settings_changed = true;
  } else if (action == "credits") {
    ctx.show(Screen::Credits);
  } else if (action == "enroll") {
    ctx.show(Screen::OperatorEnroll);
  } else if (action == "languages") {
    ctx.show(Screen::OperatorLanguages);
  } else if (action == "back") {
    if (ctx.screen() == Screen::Credits || ctx.screen() == Screen::OperatorEnroll ||
        ctx.screen() == Screen::OperatorLanguages)
      ctx.show(Screen::OperatorMenu);
    else
      ctx.leave_operator();
  }
}

std::string language_review_words(const ScreenContext& ctx, const LocaleCatalog& cat) {
  return operator_text(ctx, cat.reviewed_by_native_speaker() ? "operator.language.reviewed" : "operator.language.not_reviewed");
}

std::vector<std::string> language_status_lines(const ScreenContext& ctx) {
  std::vector<std::string> lines;
  if (!ctx.content()) return lines;
  for (const auto& cat : ctx.content()->locales)
    lines.push_back(fill_placeholders(
        operator_text(ctx, "operator.status.language"),
        {{"name", ctx.content()->text(cat.code, "language.name")},
         {"code", cat.code},
         {"state", operator_text(ctx, ctx.config().language_off(cat.code) ? "operator.language.off" : "operator.language.on")},
         {"review", language_review_words(ctx, cat)}}));
  return lines;
}

}  // namespace wk
