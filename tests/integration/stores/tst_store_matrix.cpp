// Every edit operation against every store kind: diff, apply with backup, verify, re-diff is
// compliant, undo restores the exact prior values. Hives are made by tests/tools/make_empty_hive.py
// and their content is cross-read with hivexregedit.
#include "core/registry/Applier.h"
#include "core/registry/Planner.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kKey = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\SsoDoctorTest\\Matrix");

Edit edit(Edit::Op op, const QString &name, std::optional<RegValue> value = {}, const QString &item = {}, bool present = true)
{
    Edit e;
    e.op = op;
    e.key = op == Edit::Op::NumberedListItem ? kKey + QStringLiteral("\\List") : kKey;
    e.name = name;
    e.value = std::move(value);
    e.item = item;
    e.present = present;
    e.settingId = QStringLiteral("test");
    return e;
}

/// Seeds the target with values the edits then change, through the store itself.
void seed(RegistryStore &store)
{
    RegOps ops{RegOp::set(kKey, QStringLiteral("Multi"), RegValue::fromMultiString({QStringLiteral("kerberos"), QStringLiteral("msv1_0")})),
               RegOp::set(kKey, QStringLiteral("Comma"), RegValue::fromString(QStringLiteral("a.dll, b.dll"))),
               RegOp::set(kKey, QStringLiteral("Old"), RegValue::fromDword(7)),
               RegOp::set(kKey, QStringLiteral("Keep"), RegValue::fromQword(0x1122334455667788ULL)),
               RegOp::set(kKey + QStringLiteral("\\List"), QStringLiteral("1"), RegValue::fromString(QStringLiteral("TERMSRV/a"))),
               RegOp::set(kKey + QStringLiteral("\\List"), QStringLiteral("2"), RegValue::fromString(QStringLiteral("TERMSRV/b")))};
    auto r = store.commit(ops);
    if (!r)
        qFatal("seed: %s", qPrintable(r.error().toString()));
}

} // namespace

class TestStoreMatrix final : public QObject
{
    Q_OBJECT

private slots:
    void transactionCommitAndRollback_data()
    {
        QTest::addColumn<QString>("kind");
        for (const QString &kind : {QStringLiteral("reg"), QStringLiteral("pol"), QStringLiteral("hive")})
            QTest::newRow(qPrintable(kind)) << kind;
    }

    void transactionCommitAndRollback()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString file = kind == QLatin1String("hive") ? dir.filePath(QStringLiteral("SOFTWARE"))
                                                           : dir.filePath(QStringLiteral("t.") + kind);
        if (kind == QLatin1String("hive"))
            QCOMPARE(QProcess::execute(QStringLiteral("python3"),
                                       {qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/make_empty_hive.py"), file}),
                     0);
        auto store = openStore(file, {}, true);
        QVERIFY(store);
        StoreTransaction tx(**store);
        tx.add(RegOp::set(kKey, QStringLiteral("A"), RegValue::fromDword(1)));
        tx.rollback(); // dropped: nothing reaches the store
        QVERIFY(!*(*store)->keyExists(kKey));
        tx.add(RegOp::set(kKey, QStringLiteral("B"), RegValue::fromDword(2)));
        QVERIFY(tx.commit());
        QVERIFY(tx.ops().isEmpty());
        auto reopened = openStore(file);
        QVERIFY(reopened);
        QVERIFY(!*(*reopened)->value(kKey, QStringLiteral("A")));
        QCOMPARE(*(*reopened)->value(kKey, QStringLiteral("B")), RegValue::fromDword(2));
    }

    void matrix_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QList<Edit>>("edits");
        const QList<QPair<QString, QList<Edit>>> editCases{
            {QStringLiteral("set every type"),
             {edit(Edit::Op::Set, QStringLiteral("Sz"), RegValue::fromString(QStringLiteral("x\"y\\z"))),
              edit(Edit::Op::Set, QStringLiteral("Expand"), RegValue::fromString(QStringLiteral("%SystemRoot%\\x"), RegType::ExpandSz)),
              edit(Edit::Op::Set, QStringLiteral("Dword"), RegValue::fromDword(0xffffffffu)),
              edit(Edit::Op::Set, QStringLiteral("Qword"), RegValue::fromQword(1)),
              edit(Edit::Op::Set, QStringLiteral("Bin"), RegValue::fromBinary(QByteArray::fromHex("00ff10"))),
              edit(Edit::Op::Set, QStringLiteral("None"), RegValue(0, {})),
              edit(Edit::Op::Set, QStringLiteral("MultiNew"), RegValue::fromMultiString({QStringLiteral("p"), QStringLiteral("q")})),
              edit(Edit::Op::Set, QString(), RegValue::fromString(QStringLiteral("default value")))}},
            {QStringLiteral("delete value"), {edit(Edit::Op::Delete, QStringLiteral("Old"))}},
            {QStringLiteral("multi-sz add"), {edit(Edit::Op::MultiSzItem, QStringLiteral("Multi"), {}, QStringLiteral("tspkg"))}},
            {QStringLiteral("multi-sz remove"), {edit(Edit::Op::MultiSzItem, QStringLiteral("Multi"), {}, QStringLiteral("msv1_0"), false)}},
            {QStringLiteral("comma add"), {edit(Edit::Op::CommaListItem, QStringLiteral("Comma"), {}, QStringLiteral("credssp.dll"))}},
            {QStringLiteral("comma remove"), {edit(Edit::Op::CommaListItem, QStringLiteral("Comma"), {}, QStringLiteral("a.dll"), false)}},
            {QStringLiteral("numbered add"), {edit(Edit::Op::NumberedListItem, {}, {}, QStringLiteral("TERMSRV/c"))}},
            {QStringLiteral("numbered remove"), {edit(Edit::Op::NumberedListItem, {}, {}, QStringLiteral("TERMSRV/a"), false)}},
            {QStringLiteral("new key"),
             {[] {
                 Edit e = edit(Edit::Op::Set, QStringLiteral("V"), RegValue::fromDword(1));
                 e.key = kKey + QStringLiteral("\\Brand\\New");
                 return e;
             }()}},
        };
        for (const QString &kind : {QStringLiteral("reg"), QStringLiteral("pol"), QStringLiteral("hive")})
            for (const auto &[name, edits] : editCases)
                QTest::newRow(qPrintable(kind + QStringLiteral(": ") + name)) << kind << edits;
    }

    void matrix()
    {
        QFETCH(QString, kind);
        QFETCH(QList<Edit>, edits);
        QTemporaryDir dir;
        QString file;
        if (kind == QLatin1String("hive")) {
            file = dir.filePath(QStringLiteral("SOFTWARE"));
            QCOMPARE(QProcess::execute(QStringLiteral("python3"),
                                       {qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/make_empty_hive.py"), file}),
                     0);
        } else {
            file = dir.filePath(QStringLiteral("target.") + kind);
        }
        auto opened = openStore(file, {}, true);
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().toString()));
        RegistryStore &store = **opened;
        seed(store);

        // Record the prior state of everything the edits may touch.
        const QStringList names{QStringLiteral("Sz"), QStringLiteral("Expand"), QStringLiteral("Dword"), QStringLiteral("Qword"),
                                QStringLiteral("Bin"), QStringLiteral("None"), QStringLiteral("MultiNew"), QString(),
                                QStringLiteral("Old"), QStringLiteral("Keep"), QStringLiteral("Multi"), QStringLiteral("Comma")};
        QList<std::optional<RegValue>> before;
        for (const QString &n : names)
            before << *store.value(kKey, n);
        const QStringList listBefore = *store.valueNames(kKey + QStringLiteral("\\List"));

        auto cs = diff(&store, edits);
        QVERIFY2(cs, cs ? "" : qPrintable(cs.error().toString()));
        QVERIFY(!cs->isCompliant());
        const QString backup = dir.filePath(QStringLiteral("backup.reg"));
        auto applied = applyChanges(store, *cs, backup, {});
        QVERIFY2(applied, applied ? "" : qPrintable(applied.error().toString()));

        // Reopen from disk: what was written must read back the same, and be compliant.
        auto reopened = openStore(file);
        QVERIFY(reopened);
        auto again = diff(reopened->get(), edits);
        QVERIFY(again);
        QVERIFY2(again->isCompliant(), qPrintable(QStringLiteral("%1 change(s) left").arg(again->changes.size())));
        QVERIFY(verifyApplied(**reopened, *cs));
        QCOMPARE(*(*reopened)->value(kKey, QStringLiteral("Keep")), RegValue::fromQword(0x1122334455667788ULL)); // untouched sibling

        auto undone = undoFromBackup(**reopened, backup);
        QVERIFY2(undone, undone ? "" : qPrintable(undone.error().toString()));
        auto restored = openStore(file);
        QVERIFY(restored);
        for (qsizetype i = 0; i < names.size(); ++i)
            QCOMPARE(*(*restored)->value(kKey, names[i]), before[i]);
        QCOMPARE(*(*restored)->valueNames(kKey + QStringLiteral("\\List")), listBefore);
        QVERIFY(!*(*restored)->keyExists(kKey + QStringLiteral("\\Brand")));
    }
};

QTEST_GUILESS_MAIN(TestStoreMatrix)
#include "tst_store_matrix.moc"
