// The KDC error -> finding table (resources/findings/kerberos.json "kdc_errors") against the finding
// catalog and the fix targets that exist (wizards, catalog settings, SPN actions), and the clock
// probe's wording of a skew.

#include "core/probe/ClockProbe.h"
#include "core/probe/FindingCatalog.h"
#include "core/probe/KerberosErrorTable.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::probe;

namespace {

QSet<QString> idsIn(const QString &file, const char *array)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file));
    QSet<QString> ids;
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String(array)).toArray())
        ids << v.toObject().value(QLatin1String("id")).toString();
    return ids;
}

} // namespace

class TestKerberosErrors : public QObject {
    Q_OBJECT

private slots:
    void everyMappedCodeHasAFinding()
    {
        const auto &table = KerberosErrorTable::builtin();
        QVERIFY(table.entries().size() >= 20);
        const auto &catalog = FindingCatalog::builtin();
        const QSet<QString> wizards = idsIn(QStringLiteral(":/wizards/wizards.json"), "wizards");
        const QSet<QString> settings = idsIn(QStringLiteral(":/catalog/settings.json"), "settings");
        const QSet<QString> spnActions { QStringLiteral("spn-add"), QStringLiteral("spn-remove"),
            QStringLiteral("spn-duplicates") };
        for (const auto &e : table.entries()) {
            const auto *f = catalog.entry(e.finding);
            QVERIFY2(f, qPrintable(e.name + QStringLiteral(" -> missing finding ") + e.finding));
            QCOMPARE(f->severity, Severity::Error);
            QVERIFY2(!f->step.isEmpty(), qPrintable(e.finding));
            if (e.code >= 0)
                QVERIFY2(f->title.contains(e.name) || e.code == 31, // 31 shares the wrong-key finding of 24
                    qPrintable(e.name + QStringLiteral(" not named in: ") + f->title));
            if (!f->fix)
                continue;
            using K = FindingFix::Kind;
            const QSet<QString> &known = f->fix->kind == K::Wizard ? wizards : f->fix->kind == K::Setting ? settings : spnActions;
            QVERIFY2(known.contains(f->fix->id), qPrintable(e.finding + QStringLiteral(" fix ") + f->fix->id));
        }
    }

    void theCodesTheIssueNamesAreMapped()
    {
        const auto &t = KerberosErrorTable::builtin();
        const auto fixOf = [&](int code) {
            const auto *e = t.byCode(code);
            return e ? FindingCatalog::builtin().entry(e->finding) : nullptr;
        };
        // S_PRINCIPAL_UNKNOWN -> register the SPN; PRINCIPAL_NOT_UNIQUE -> the duplicates tool.
        QVERIFY(fixOf(7) && fixOf(7)->fix && fixOf(7)->fix->kind == FindingFix::Kind::Spn);
        QCOMPARE(fixOf(7)->fix->id, QStringLiteral("spn-add"));
        QCOMPARE(fixOf(8)->fix->id, QStringLiteral("spn-duplicates"));
        QCOMPARE(fixOf(14)->fix->id, QStringLiteral("kerberos-logging"));
        QCOMPARE(fixOf(37)->step, QStringLiteral("clock"));
        QVERIFY(fixOf(37)->explanation.contains(QStringLiteral("w32tm /resync")));
        QVERIFY(fixOf(13)->title.contains(QStringLiteral("delegation")));
        for (int code : { 6, 7, 8, 12, 13, 14, 18, 23, 24, 32, 33, 37, 41, 52, 68 })
            QVERIFY2(t.byCode(code), qPrintable(QString::number(code)));
        QVERIFY(t.byComErr(-1765328228)); // KRB5_KDC_UNREACH
        QVERIFY(t.byComErr(-1765328230)); // KRB5_REALM_UNKNOWN
        // The findings without a tool to open say what to do in their text.
        for (int code : { 6, 13, 18, 23, 24, 32, 33, 37, 41, 52, 68 })
            QVERIFY2(fixOf(code)->explanation.size() > 80, qPrintable(QString::number(code)));
        QVERIFY(FindingCatalog::builtin().entry(QStringLiteral("kerberos.err.generic"))->fix);
    }

    void comErrArithmetic()
    {
        // Values measured against the Samba lab (TESTBED.md) and the krb5 header.
        QCOMPARE(KerberosErrorTable::comErrOf(7), Q_INT64_C(-1765328377));
        QCOMPARE(KerberosErrorTable::comErrOf(37), Q_INT64_C(-1765328347));
        QCOMPARE(KerberosErrorTable::protocolCodeOf(-1765328377), 7);
        QCOMPARE(KerberosErrorTable::protocolCodeOf(-1765328228), -1); // a library error
        QCOMPARE(KerberosErrorTable::builtin().byComErr(-1765328377)->name, QStringLiteral("KDC_ERR_S_PRINCIPAL_UNKNOWN"));
    }

    void hostileTablesAreRefused()
    {
        QVERIFY(!KerberosErrorTable::parse("{", QStringLiteral("t")).ok());
        QVERIFY(!KerberosErrorTable::parse("{\"kdc_errors\":[]}", QStringLiteral("t")).ok());
        QVERIFY(!KerberosErrorTable::parse("{\"kdc_errors\":[{\"name\":\"X\",\"finding\":\"f\"}]}", QStringLiteral("t")).ok());
        QVERIFY(!KerberosErrorTable::parse("{\"kdc_errors\":[{\"name\":\"X\",\"finding\":\"f\",\"code\":300}]}",
            QStringLiteral("t"))
                     .ok());
        QVERIFY(!KerberosErrorTable::parse(
            "{\"kdc_errors\":[{\"name\":\"X\",\"finding\":\"f\",\"code\":7},{\"name\":\"Y\",\"finding\":\"f\",\"code\":7}]}",
            QStringLiteral("t"))
                     .ok());
    }

    void skewInWords()
    {
        QCOMPARE(ClockProbe::describeSkew(423000), QStringLiteral("7 min 3 s behind"));
        QCOMPARE(ClockProbe::describeSkew(-12000), QStringLiteral("12 s ahead of"));
        QCOMPARE(ClockProbe::describeSkew(300), QStringLiteral("in step with"));
        QCOMPARE(ClockProbe::describeSkew(-600400), QStringLiteral("10 min 0 s ahead of"));
    }
};

QTEST_GUILESS_MAIN(TestKerberosErrors)
#include "test_kerberos_errors.moc"
