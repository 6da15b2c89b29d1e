#include "cli/commands.h"

#include <csv.h>

#include <cstdio>
#include <iostream>
#include <set>
#include <vector>

#include "content/content_pack.h"
#include "platform/files.h"

namespace wk {

int import_prospects_command(const CommandLine& cl) {
  if (cl.csv_path.empty() || cl.out_path.empty()) {
    std::cerr << "werkcheck import-prospects: --csv FILE and --out FILE are required\n";
    return 2;
  }
  return run_import_prospects(cl.csv_path, cl.out_path, std::cout);
}

int run_import_prospects(const std::string& csv_path, const std::string& out_path, std::ostream& out) {
  auto text = files::read_all(csv_path);
  if (!text) {
    std::cerr << "werkcheck import-prospects: cannot read " << csv_path << "\n";
    return 1;
  }
  std::vector<ProspectRow> rows;
  std::string err = parse_prospects_csv(*text, csv_path, rows);
  if (!err.empty()) {
    std::cerr << "werkcheck import-prospects: " << err << "\n";
    return 1;
  }
  std::string tmp = out_path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "w");
  if (!f) {
    std::cerr << "werkcheck import-prospects: cannot write " << out_path << "\n";
    return 1;
  }
  auto field = [&](const std::string& v, bool last) {
    csv_fwrite(f, v.data(), v.size());  // quotes as CSV needs
    std::fputc(last ? '\n' : ',', f);
  };
  for (const char* h : {"beroepsgroep", "regio", "spanningsindicator", "periode"}) field(h, false);
  field("bron", true);
  std::set<std::string> groups, regions;
  for (const auto& r : rows) {
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.2f", r.ratio);
    field(r.group, false);
    field(r.region, false);
    field(ratio, false);
    field(r.period, false);
    field(r.source, true);
    groups.insert(r.group);
    regions.insert(r.region);
  }
  bool ok = std::fflush(f) == 0 && std::fclose(f) == 0 && std::rename(tmp.c_str(), out_path.c_str()) == 0;
  if (!ok) {
    std::cerr << "werkcheck import-prospects: cannot write " << out_path << "\n";
    return 1;
  }
  out << "prospects: " << rows.size() << " rows, " << groups.size() << " occupation groups, " << regions.size()
      << " regions written to " << out_path << "\n";
  return 0;
}

}  // namespace wk
