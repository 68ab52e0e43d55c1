// Parse throughput of the .reg codec on a ~20 MB file shaped like a real export: many keys, a mix
// of DWORDs, strings, wrapped binary blobs, multi-strings, QWORDs and deletions.
//   cmake -DCMAKE_BUILD_TYPE=Release … && ninja bench_regparse && ./bench/bench_regparse

#include "core/registry/RegFileCodec.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace ssod::core::registry;

namespace {

RegTree makeTree(qsizetype targetBytes)
{
    std::mt19937 rng(42);
    auto pick = [&](int n) { return int(rng() % unsigned(n)); };
    RegTree tree;
    qsizetype approx = 0; // rough UTF-16 size so far, to stop near targetBytes
    for (int k = 0; approx < targetBytes; ++k) {
        const QString key
            = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Vendor%1\\Product %2\\Settings\\Group%3")
                  .arg(k / 100)
                  .arg(k / 10)
                  .arg(k);
        approx += key.size() * 2 + 12;
        const int values = 4 + pick(12);
        for (int v = 0; v < values; ++v) {
            const QString name = QStringLiteral("Setting%1_%2").arg(v).arg(pick(1000));
            RegValue value;
            switch (pick(8)) {
            case 0:
            case 1:
                value = RegValue::fromDword(rng());
                break;
            case 2:
                value = RegValue::fromString(
                    QStringLiteral("C:\\Program Files\\Vendor %1\\bin\\tool%2.exe \"arg\"").arg(k).arg(v));
                break;
            case 3: {
                QByteArray blob(16 + pick(400), '\0');
                for (char &c : blob)
                    c = char(rng());
                value = RegValue::fromBinary(blob);
                break;
            }
            case 4:
                value = RegValue::fromMultiString(
                    { QStringLiteral("HTTP/*.contoso.com"), QStringLiteral("TERMSRV/*.contoso.com"),
                        QStringLiteral("WSMAN/host%1.contoso.com").arg(v) });
                break;
            case 5:
                value = RegValue::fromString(
                    QStringLiteral("%SystemRoot%\\System32\\lib%1.dll").arg(v), RegType::ExpandSz);
                break;
            case 6:
                value = RegValue::fromQword(quint64(rng()) << 32 | rng());
                break;
            default:
                tree.deleteValueInstruction(key, name);
                approx += name.size() * 2 + 12;
                continue;
            }
            tree.setValue(key, name, value);
            // hex values take ~3 characters per byte, strings ~1 per byte of UTF-16
            approx += (name.size() + 8) * 2 + value.data().size() * (value.type() == 1 ? 1 : 3) * 2;
        }
    }
    return tree;
}

const QByteArray &file(RegFileFormat format)
{
    static const RegTree tree = makeTree(20 * 1024 * 1024);
    static const QByteArray v5 = writeRegFile(tree, RegFileFormat::V5);
    static const QByteArray v4 = writeRegFile(tree, RegFileFormat::Regedit4);
    return format == RegFileFormat::V5 ? v5 : v4;
}

void parse(benchmark::State &state, RegFileFormat format)
{
    const QByteArray &bytes = file(format);
    for (auto _ : state) {
        auto r = parseRegFile(bytes, QStringLiteral("bench.reg"));
        if (!r) {
            state.SkipWithError(qPrintable(r.error().toString()));
            break;
        }
        benchmark::DoNotOptimize(r->tree.nodes().size());
    }
    state.SetBytesProcessed(state.iterations() * bytes.size());
    state.counters["file_MB"] = double(bytes.size()) / 1e6;
}

void BM_ParseV5(benchmark::State &state)
{
    parse(state, RegFileFormat::V5);
}

void BM_ParseRegedit4(benchmark::State &state)
{
    parse(state, RegFileFormat::Regedit4);
}

void BM_WriteV5(benchmark::State &state)
{
    auto parsed = parseRegFile(file(RegFileFormat::V5), QStringLiteral("bench.reg"));
    qsizetype written = 0;
    for (auto _ : state) {
        const QByteArray out = writeRegFile(parsed->tree, RegFileFormat::V5);
        written = out.size();
        benchmark::DoNotOptimize(out.constData());
    }
    state.SetBytesProcessed(state.iterations() * written);
}

} // namespace

BENCHMARK(BM_ParseV5)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseRegedit4)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WriteV5)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
