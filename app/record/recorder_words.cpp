#include "record/recorder_words.h"

namespace wk {

namespace {
const std::vector<std::pair<std::string, std::string>>& dutch() {
  static const std::vector<std::pair<std::string, std::string>> texts = {
      {"operator.record.where", "Opnemen in {lang}: tekst {n} van {total} ({key})"},
      {"operator.record.counts", "Opgenomen: {recorded}. Computerstem: {generated}. Geen geluid: {missing}."},
      {"operator.record.source_recorded", "Deze tekst: opgenomen."},
      {"operator.record.source_generated", "Deze tekst: computerstem. Nog niet opgenomen."},
      {"operator.record.source_missing", "Deze tekst: geen geluid."},
      {"operator.record.read_now", "Lees nu de tekst hardop. Druk daarna op Stop."},
      {"operator.record.running", "Opname loopt: {seconds} s."},
      {"operator.record.stop", "Stop"},
      {"operator.record.prev", "Vorige"},
      {"operator.record.play", "Luister"},
      {"operator.record.record", "Opnemen"},
      {"operator.record.record_again", "Opnieuw opnemen"},
      {"operator.record.next", "Volgende"},
      {"operator.record.done", "Klaar"},
      {"operator.record.nothing_recorded", "Niets opgenomen. Druk op Opnemen en lees de tekst hardop."},
      {"operator.record.nothing_heard", "Niets gehoord. Lees de tekst hardop, dicht bij de microfoon."},
      {"operator.record.too_loud", "Te hard: het geluid is vervormd. Spreek zachter of verder van de microfoon."},
      {"operator.record.too_quiet", "Te zacht. Spreek luider of dichter bij de microfoon."},
      {"operator.record.too_long", "Te lang: {seconds} s. Het mag hoogstens {longest} s zijn. Lees alleen de tekst."},
      {"operator.record.no_sox", "sox kon de opname niet lezen. Is sox geïnstalleerd?"},
      {"operator.record.sox_failed", "Het opnemen lukte niet (sox): {why}"},
      {"operator.record.save_failed", "Opslaan lukte niet: {why}"},
      {"operator.record.stored", "Opgeslagen: {seconds} s."},
      {"operator.record.no_microphone", "Geen microfoon gevonden ({why})."},
  };
  return texts;
}
}  // namespace

std::vector<std::string> recorder_text_keys() {
  std::vector<std::string> keys;
  for (const auto& [k, v] : dutch()) keys.push_back(k);
  return keys;
}

std::string builtin_recorder_text(const std::string& key, const TextValues& values) {
  for (const auto& [k, v] : dutch())
    if (k == key) return fill_placeholders(v, values);
  return key;
}

std::string RecorderWords::operator()(const std::string& key, const TextValues& values) const {
  for (const char* code : {locale_.c_str(), "en"})
    if (const LocaleCatalog* cat = pack_.locale(code))
      if (const std::string* text = cat->find(key); text && !text->empty()) return fill_placeholders(*text, values);
  return builtin_recorder_text(key, values);
}

}  // namespace wk
