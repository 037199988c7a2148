// Reading a site file: the desktop app re-reads the document on every edit, and a sweep
// reads one variant per scenario, so parsing and checking must stay well under a frame.
#include "model/json/located_json.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

namespace {

using namespace headroom::model;

const std::string kIndiana =
    std::string(HEADROOM_SITE_SOURCE_DIR) + "/sample_sites/st-joseph-county-in.json";

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The located parser alone, on the 23 kB Indiana sample (most of it the climate digest).
void BM_LocatedJsonParse(benchmark::State& state) {
    const std::string text = readText(kIndiana);
    for (auto _ : state) {
        auto result = parseLocatedJson(text, "site.json");
        benchmark::DoNotOptimize(result);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_LocatedJsonParse);

// Everything readSiteFile does: parse, check every field, regenerate 8760 hours from the
// digest, resolve the grid series and catalog ids.
void BM_ReadSampleSite(benchmark::State& state) {
    const std::string text = readText(kIndiana);
    for (auto _ : state) {
        auto load = readSiteText(text, "site.json", HEADROOM_SITE_SOURCE_DIR "/sample_sites");
        if (!load.site) {
            state.SkipWithError("the sample site did not load");
            break;
        }
        benchmark::DoNotOptimize(load);
    }
}
BENCHMARK(BM_ReadSampleSite)->Unit(benchmark::kMillisecond);

void BM_WriteSampleSite(benchmark::State& state) {
    const auto load = readSiteFile(kIndiana);
    for (auto _ : state) {
        auto text = writeSiteText(load.document, &load.numberText);
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(BM_WriteSampleSite);

} // namespace
