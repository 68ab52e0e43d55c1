// Every real-world file in ../shared/corpus (taken byte for byte from public repositories, see
// SOURCES.md) through the real CLI, with the values cross-checked against independent readers:
// hivexregedit --merge for .reg files, Samba's PReg code for Registry.pol. A file SSO Doctor refuses
// must be listed below with the reason Windows refuses it too; the set of files that read with
// warnings, and how many, is listed as well, so a new rejection or warning fails the test.

#include "core/registry/FileStore.h"
#include "core/registry/HiveStore.h"
#include "core/registry/PolFileCodec.h"
#include "core/registry/RegFileCodec.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"
#include "tests/common/TestTools.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;
using ssod::testtools::runTool;
using ssod::testtools::ToolRun;

namespace {

/// Files SSO Doctor refuses, each with the reason Windows refuses it too, and what the message
/// must name (file and line or offset).
struct Rejection {
    QString file;
    QString why;
    QString mentions;
};

const QList<Rejection> &rejections()
{
    static const QString kCommentFirst = QStringLiteral(
        "a ';' licence comment is on line 1, above the header: regedit reads the header only from line 1 and "
        "imports nothing (Wine 8.0 measured; Wine's reg import tests, which pass on Windows, expect a file "
        "whose "
        "header is not on line 1 to fail)");
    static const QList<Rejection> list {
        { QStringLiteral("reg/microsoft__WindowsProtocolTestSuites__AutoLogon.reg"), kCommentFirst,
            QStringLiteral("AutoLogon.reg:1: line 1 is a comment and the header is on line") },
        { QStringLiteral("reg/microsoft__WindowsProtocolTestSuites__addStartupScript.reg"), kCommentFirst,
            QStringLiteral("addStartupScript.reg:1: line 1 is a comment and the header is on line") },
        { QStringLiteral("pol/marckean__AVD-CSE-VDOT__Registry.pol"),
            QStringLiteral(
                "every NUL byte was replaced by a space, so the version field reads 0x20202001 instead of 1; "
                "the Group Policy client only reads version 1 (MS-GPREG 2.2.1)"),
            QStringLiteral("marckean__AVD-CSE-VDOT__Registry.pol@0x4:") },
    };
    return list;
}

/// Files read with warnings, and how many: a value regedit skips (nine-digit dword, a REG_SZ whose
/// closing quote is on the next line) or hex(2)/hex(7) bytes already UTF-16LE in an ANSI v5 file.
const QHash<QString, int> &expectedWarnings()
{
    static const QHash<QString, int> counts {
        // Nine-digit dwords "0ffffffff" (skipped, as regedit skips them).
        { QStringLiteral("reg/W4RH4WK__Debloat-Windows-10__lower-ram-usage.reg"), 1 },
        { QStringLiteral("reg/ionuttbara__windows-defender-remover__defender_registry.reg"), 2 },
        // A REG_SZ whose closing quote is on the next line (2 skipped lines: the value and the lone
        // quote), and 12 hex(2)/hex(7) values already UTF-16LE in a file without a BOM.
        { QStringLiteral("reg/ionuttbara__windows-defender-remover__Enable.reg"), 14 },
        // hex(2)/hex(7) values already UTF-16LE in a v5 file without a BOM.
        { QStringLiteral("reg/microsoft__Windows-classic-samples__HelloWorld.reg"), 2 },
        { QStringLiteral("reg/microsoft__Windows-classic-samples__Pictures.reg"), 4 },
        { QStringLiteral("reg/microsoft__Windows-classic-samples__eventlog.reg"), 1 },
    };
    return counts;
}

QString corpus()
{
    return qEnvironmentVariable("SSOD_CORPUS");
}

ToolRun cli(const QStringList &args)
{
    return runTool(qEnvironmentVariable("SSOD_CLI"), args, {}, 120000);
}

const Rejection *rejection(const QString &relative)
{
    for (const Rejection &r : rejections())
        if (r.file == relative)
            return &r;
    return nullptr;
}

QByteArray readAll(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int countLines(const QString &text, const QString &prefix)
{
    int n = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        n += line.startsWith(prefix) ? 1 : 0;
    return n;
}

/// Every key and value of \a a's state is in \a b with the same type and data, and no more.
bool sameState(const RegTree &a, const RegTree &b, QString *why)
{
    for (const RegKeyNode &node : a.nodes()) {
        if (!a.keyExists(node.path))
            continue;
        if (!b.keyExists(node.path)) {
            *why = QStringLiteral("key %1 is missing").arg(node.path);
            return false;
        }
        const QStringList names = a.valueNames(node.path);
        if (names.size() != b.valueNames(node.path).size()) {
            *why = QStringLiteral("key %1 has %2 values, not %3")
                       .arg(node.path)
                       .arg(b.valueNames(node.path).size())
                       .arg(names.size());
            return false;
        }
        for (const QString &name : names) {
            if (a.value(node.path, name) != b.value(node.path, name)) {
                *why = QStringLiteral("value %1\\%2 differs").arg(node.path, name);
                return false;
            }
        }
    }
    return true;
}

/// The one root every key of \a tree lies under (for a Registry.pol), or empty.
QString singleRoot(const RegTree &tree)
{
    QSet<QString> roots;
    for (const RegKeyNode &node : tree.nodes())
        roots.insert(path::root(node.path).toUpper());
    return roots.size() == 1 ? *roots.begin() : QString();
}

/// Lines SSO Doctor skipped ("file:LINE: …"), for the hivex input.
QString skippedLines(const FileWarnings &warnings)
{
    QStringList lines;
    for (const FileWarning &w : warnings)
        if (w.kind == FileWarning::Kind::Skipped)
            lines << w.location.section(QLatin1Char(':'), -1);
    return lines.join(QLatin1Char(','));
}

} // namespace

class TestCorpus final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    int m_filesRead = 0;
    int m_warningsTotal = 0;
    int m_valuesCrossChecked = 0;
    QStringList m_report;

    QString scratch()
    {
        const QString dir = m_dir.filePath(QString::number(++m_counter));
        QDir().mkpath(dir);
        return dir;
    }

    static void addRows(const QString &kind, const QStringList &patterns)
    {
        QTest::addColumn<QString>("relative");
        const QDir dir(corpus() + QLatin1Char('/') + kind);
        const QStringList files = dir.entryList(patterns, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << kind + QLatin1Char('/') + f;
    }

    /// A refused file: exit 2, the message names the place, and it is on the list.
    bool checkRejection(const QString &relative, const ToolRun &r)
    {
        const Rejection *listed = rejection(relative);
        if (!listed) {
            qWarning().noquote() << relative << "was rejected but is not listed:" << r.err;
            return false;
        }
        if (r.exitCode != 2 || !r.err.contains(listed->mentions)) {
            qWarning().noquote() << relative << "exit" << r.exitCode << r.err;
            return false;
        }
        m_report << QStringLiteral("rejected %1: %2").arg(relative, listed->why);
        return true;
    }

    /// plan, evaluate delegation and evaluate browser against \a file: answers (exit 0/1), the same
    /// warnings on stderr and in the JSON, and --strict turning them into exit 2. They read only the
    /// keys they need (a full registry export is read in part), so they report those of the file's
    /// \a fileWarnings that lie in the keys they read: never another one, never one twice.
    void checkCommands(const QString &file, const FileWarnings &fileWarnings)
    {
        QStringList known;
        for (const FileWarning &w : fileWarnings)
            known << w.toString();
        const QStringList target { QStringLiteral("--against"), file };
        const QList<QStringList> commands {
            QStringList { QStringLiteral("plan"),
                QStringLiteral("delegation.default-credentials=TERMSRV/rdsh01.contoso.com") },
            QStringList { QStringLiteral("evaluate"), QStringLiteral("delegation"),
                QStringLiteral("--server"), QStringLiteral("rdsh01.contoso.com") },
            QStringList { QStringLiteral("evaluate"), QStringLiteral("browser"), QStringLiteral("--url"),
                QStringLiteral("https://intranet.contoso.com/"), QStringLiteral("--browser"),
                QStringLiteral("edge") },
        };
        for (const QStringList &command : commands) {
            const ToolRun r = cli(command + target + QStringList { QStringLiteral("--json") });
            QVERIFY2(r.exitCode == 0 || r.exitCode == 1,
                qPrintable(command.join(QLatin1Char(' ')) + QLatin1Char('\n') + r.err));
            const int warnings = countLines(r.err, QStringLiteral("warning: "));
            QVERIFY(warnings <= int(fileWarnings.size()));
            QStringList seen;
            for (const QString &line : r.err.split(QLatin1Char('\n'))) {
                if (!line.startsWith(QLatin1String("warning: ")))
                    continue;
                const QString w = line.mid(9);
                QVERIFY2(known.contains(w), qPrintable(QStringLiteral("not a warning of the whole file: ") + w));
                QVERIFY2(!seen.contains(w), qPrintable(QStringLiteral("reported twice: ") + w));
                seen << w;
            }
            const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
            QCOMPARE(o.value(QStringLiteral("fileWarnings")).toArray().size(), warnings);
            const ToolRun strict = cli(command + target + QStringList { QStringLiteral("--strict") });
            if (warnings > 0) {
                QCOMPARE(strict.exitCode, 2);
                QVERIFY2(strict.err.contains(QStringLiteral("--strict")), qPrintable(strict.err));
            } else {
                QCOMPARE(strict.exitCode, r.exitCode);
            }
        }
    }

    /// hivexregedit merges the original (syntax normalised, see tests/tools/reg_for_hivex.py) into
    /// empty hives; every value SSO Doctor read must be in the hive, identical, and no other.
    void crossCheckHivex(const QString &file, const RegTree &tree, const FileWarnings &warnings)
    {
        const QString dir = scratch();
        const QString tools = qEnvironmentVariable("SSOD_TOOLS");
        const ToolRun conv = runTool(QStringLiteral("/usr/bin/python3"),
            { tools + QStringLiteral("/reg_for_hivex.py"), file, dir, QStringLiteral("--skip-lines"),
                skippedLines(warnings) });
        QVERIFY2(conv.ok, qPrintable(conv.err));
        const QJsonObject result = QJsonDocument::fromJson(conv.out.toUtf8()).object();
        QSet<QString> dropped; // values the script could not hand to hivexregedit, with the reason
        for (const QJsonValue &d : result.value(QStringLiteral("dropped")).toArray()) {
            const QJsonObject o = d.toObject();
            dropped.insert(path::fold(o.value(QStringLiteral("key")).toString()) + QLatin1Char('|')
                + o.value(QStringLiteral("name")).toString().toCaseFolded());
            m_report << QStringLiteral("hivex cannot check %1 line %2: %3")
                            .arg(QFileInfo(file).fileName())
                            .arg(o.value(QStringLiteral("line")).toInt())
                            .arg(o.value(QStringLiteral("why")).toString());
        }
        for (const QJsonValue &g : result.value(QStringLiteral("groups")).toArray()) {
            const QString prefix = g.toObject().value(QStringLiteral("prefix")).toString();
            const QString hive = dir + QStringLiteral("/hive-") + QString::number(++m_counter);
            QVERIFY(ssod::testtools::makeEmptyHive(hive));
            const ToolRun merge = runTool(QStringLiteral("hivexregedit"),
                { QStringLiteral("--merge"), QStringLiteral("--prefix"), prefix, hive,
                    g.toObject().value(QStringLiteral("reg")).toString() });
            QVERIFY2(merge.ok, qPrintable(prefix + QLatin1Char(' ') + merge.err));
            auto store = HiveStore::open(hive, prefix);
            QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().toString()));
            for (const RegKeyNode &node : tree.nodes()) {
                if (!path::isWithin(node.path, prefix))
                    continue;
                const bool exists = tree.keyExists(node.path);
                const auto inHive = (*store)->keyExists(node.path);
                QVERIFY2(inHive.ok(), inHive.ok() ? "" : qPrintable(inHive.error().toString()));
                QCOMPARE(*inHive, exists);
                if (!exists)
                    continue;
                QStringList ours;
                for (const QString &name : tree.valueNames(node.path))
                    if (!dropped.contains(path::fold(node.path) + QLatin1Char('|') + name.toCaseFolded()))
                        ours << name;
                const auto hiveNames = (*store)->valueNames(node.path);
                QVERIFY2(hiveNames.ok(), hiveNames.ok() ? "" : qPrintable(hiveNames.error().toString()));
                QCOMPARE(hiveNames->size(), ours.size());
                for (const QString &name : std::as_const(ours)) {
                    const auto v = (*store)->value(node.path, name);
                    QVERIFY2(v.ok() && v->has_value(), qPrintable(node.path + QLatin1Char('|') + name));
                    const RegValue mine = *tree.value(node.path, name);
                    QVERIFY2(v->value() == mine,
                        qPrintable(QStringLiteral("%1 \"%2\": hivex %3 type %4, SSO Doctor %5 type %6")
                                       .arg(node.path, name, QString::fromLatin1(v->value().data().toHex()))
                                       .arg(v->value().type())
                                       .arg(QString::fromLatin1(mine.data().toHex()))
                                       .arg(mine.type())));
                    ++m_valuesCrossChecked;
                }
            }
        }
    }

    /// Samba's entries replayed as the Group Policy client applies them (MS-GPREG 2.2.1): later
    /// entries win, **del.X deletes X, **delvals. deletes the key's earlier values. The result maps
    /// "key|name" (folded) to "type:hex" for values and "-" for deletions.
    static QHash<QString, QString> sambaState(const QJsonArray &entries, QSet<QString> *delvalsKeys)
    {
        QHash<QString, QString> state;
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            const QString key = e.value(QStringLiteral("key"))
                                    .toString()
                                    .split(QLatin1Char('\\'), Qt::SkipEmptyParts)
                                    .join(QLatin1Char('\\'))
                                    .toCaseFolded();
            const QString name = e.value(QStringLiteral("name")).toString();
            const int type = e.value(QStringLiteral("type")).toInt();
            QString data = e.value(QStringLiteral("data")).toString();
            if (name.startsWith(QLatin1String("**del."), Qt::CaseInsensitive)) {
                state.insert(key + QLatin1Char('|') + name.mid(6).toCaseFolded(), QStringLiteral("-"));
            } else if (name.compare(QLatin1String("**delvals."), Qt::CaseInsensitive) == 0) {
                for (auto it = state.begin(); it != state.end();)
                    it = it.key().section(QLatin1Char('|'), 0, 0) == key ? state.erase(it) : std::next(it);
                delvalsKeys->insert(key);
            } else if (!name.isEmpty() || type != 0 || !data.isEmpty()) {
                if (type == 1 || type == 2) // Samba strips one NUL and adds one: compare the text
                    while (data.endsWith(QLatin1String("0000")) && data.size() % 4 == 0)
                        data.chop(4);
                state.insert(key + QLatin1Char('|') + name.toCaseFolded(),
                    QString::number(type) + QLatin1Char(':') + data);
            }
        }
        return state;
    }

    /// Our reading of a Registry.pol in the same form as sambaState.
    static QHash<QString, QString> ourState(const RegTree &tree, const QString &root)
    {
        QHash<QString, QString> state;
        for (const RegKeyNode &node : tree.nodes()) {
            const QString key = path::withoutRoot(node.path).toCaseFolded();
            if (!path::equal(path::root(node.path), root))
                continue;
            for (const RegEntry &e : node.entries) {
                QString text = QStringLiteral("-");
                if (e.value) {
                    QString data = QString::fromLatin1(e.value->data().toHex());
                    if (e.value->type() == 1 || e.value->type() == 2)
                        while (data.endsWith(QLatin1String("0000")) && data.size() % 4 == 0)
                            data.chop(4);
                    text = QString::number(e.value->type()) + QLatin1Char(':') + data;
                }
                state.insert(key + QLatin1Char('|') + e.name.toCaseFolded(), text);
            }
        }
        return state;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo(corpus()).isDir(), "SSOD_CORPUS must name ../shared/corpus (run through ctest)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("SSOD_CLI"), "run through ctest (SSOD_CLI)");
        for (const char *tool : { "hivexregedit", "hivexget" })
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(), tool);
        QVERIFY(QFile::exists(QStringLiteral("/usr/bin/python3")));
    }

    void regFiles_data()
    {
        addRows(QStringLiteral("reg"), { QStringLiteral("*.reg"), QStringLiteral("*.Reg") });
    }
    void regFiles()
    {
        QFETCH(QString, relative);
        const QString file = corpus() + QLatin1Char('/') + relative;
        auto opened = openStore(file);
        if (!opened) {
            const ToolRun r = cli(
                { QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), file });
            QVERIFY(checkRejection(relative, r));
            QCOMPARE(opened.error().toString().section(QLatin1Char(':'), 0, 0), QFileInfo(file).fileName());
            return;
        }
        QVERIFY2(!rejection(relative), "a listed rejection is accepted now: update the list");
        const auto *store = dynamic_cast<const FileStore *>(opened->get());
        QVERIFY(store);
        const RegTree &tree = store->tree();
        const FileWarnings warnings = store->readWarnings();
        ++m_filesRead;
        m_warningsTotal += int(warnings.size());
        m_report << QStringLiteral("read %1: %2 warning(s)").arg(relative).arg(warnings.size());
        for (const FileWarning &w : warnings)
            m_report << QStringLiteral("  %1").arg(w.toString());
        if (warnings.isEmpty())
            QVERIFY2(!expectedWarnings().contains(relative), "listed with warnings, read without");
        else
            QVERIFY2(expectedWarnings().contains(relative), "warnings from a file not listed");
        if (expectedWarnings().value(relative, -1) >= 0)
            QCOMPARE(int(warnings.size()), expectedWarnings().value(relative));
        for (const FileWarning &w : warnings)
            QVERIFY2(w.location.startsWith(QFileInfo(file).fileName() + QLatin1Char(':')),
                qPrintable(w.toString()));

        checkCommands(file, warnings);

        // convert .reg -> .reg: the written file reads back to the same values, strictly.
        const QString dir = scratch();
        ToolRun r = cli({ QStringLiteral("convert"), file, dir + QStringLiteral("/out.reg") });
        QVERIFY2(r.ok, qPrintable(r.err));
        QCOMPARE(countLines(r.err, QStringLiteral("warning: ")), int(warnings.size()));
        auto again = parseRegFile(readAll(dir + QStringLiteral("/out.reg")), QStringLiteral("out.reg"));
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().toString()));
        QString why;
        QVERIFY2(sameState(tree, again->tree, &why) && sameState(again->tree, tree, &why), qPrintable(why));

        // convert .reg -> Registry.pol: only a file under one of HKLM/HKCU fits one Registry.pol.
        const QString root = singleRoot(tree);
        const QString pol = dir + QStringLiteral("/Registry.pol");
        if (root == QLatin1String("HKEY_LOCAL_MACHINE") || root == QLatin1String("HKEY_CURRENT_USER")) {
            r = cli({ QStringLiteral("convert"), file, pol, QStringLiteral("--root"), root });
            QVERIFY2(r.ok, qPrintable(r.err));
            auto polTree = parsePolFile(readAll(pol), QStringLiteral("Registry.pol"), root);
            QVERIFY2(polTree.ok(), polTree.ok() ? "" : qPrintable(polTree.error().toString()));
            QVERIFY2(sameState(tree, *polTree, &why), qPrintable(why));
            const ToolRun samba = runTool(QStringLiteral("/usr/bin/python3"),
                { qEnvironmentVariable("SSOD_TOOLS") + QStringLiteral("/samba_pol.py"),
                    QStringLiteral("dump"), pol });
            QVERIFY2(samba.ok, qPrintable(samba.err));
        } else {
            r = cli({ QStringLiteral("convert"), file, pol });
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QStringLiteral("cannot go into"))
                    || r.err.contains(QStringLiteral("cannot be")),
                qPrintable(r.err));
            QVERIFY(!QFile::exists(pol));
        }

        crossCheckHivex(file, tree, warnings);
    }

    void polFiles_data() { addRows(QStringLiteral("pol"), { QStringLiteral("*.pol") }); }
    void polFiles()
    {
        QFETCH(QString, relative);
        const QString file = corpus() + QLatin1Char('/') + relative;
        const QString tools = qEnvironmentVariable("SSOD_TOOLS");
        const QString root = relative.contains(QLatin1String("User"), Qt::CaseInsensitive)
                && !relative.contains(QLatin1String("Machine"))
            ? QStringLiteral("HKEY_CURRENT_USER")
            : QStringLiteral("HKEY_LOCAL_MACHINE");
        auto parsed = parsePolFile(readAll(file), QFileInfo(file).fileName(), root);
        const ToolRun samba = runTool(QStringLiteral("/usr/bin/python3"),
            { tools + QStringLiteral("/samba_pol.py"), QStringLiteral("dump"), file });
        if (!parsed) {
            const ToolRun r = cli(
                { QStringLiteral("plan"), QStringLiteral("rdp.nla"), QStringLiteral("--against"), file });
            QVERIFY(checkRejection(relative, r));
            QVERIFY2(!samba.ok, "Samba reads a file SSO Doctor rejects");
            return;
        }
        QVERIFY2(!rejection(relative), "a listed rejection is accepted now: update the list");
        QVERIFY2(samba.ok, qPrintable(samba.err));
        ++m_filesRead;

        // Samba's entries and ours describe the same values and deletions.
        const QJsonArray entries
            = QJsonDocument::fromJson(samba.out.toUtf8()).object().value(QStringLiteral("entries")).toArray();
        QSet<QString> delvals;
        const QHash<QString, QString> expected = sambaState(entries, &delvals);
        const QHash<QString, QString> ours = ourState(*parsed, root);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QVERIFY2(ours.value(it.key()) == it.value(),
                qPrintable(QStringLiteral("%1: Samba %2, SSO Doctor %3")
                               .arg(it.key(), it.value(), ours.value(it.key()))));
        QCOMPARE(ours.size(), expected.size());
        m_valuesCrossChecked += int(expected.size());

        checkCommands(file, {});

        // pol -> pol through the CLI: Samba reads the same state from our file.
        const QString dir = scratch();
        const QString rewritten = dir + QStringLiteral("/Registry.pol");
        ToolRun r = cli({ QStringLiteral("convert"), file, rewritten, QStringLiteral("--root"), root });
        QVERIFY2(r.ok, qPrintable(r.err));
        const ToolRun samba2 = runTool(QStringLiteral("/usr/bin/python3"),
            { tools + QStringLiteral("/samba_pol.py"), QStringLiteral("dump"), rewritten });
        QVERIFY2(samba2.ok, qPrintable(samba2.err));
        QSet<QString> delvals2;
        QCOMPARE(sambaState(QJsonDocument::fromJson(samba2.out.toUtf8())
                                .object()
                                .value(QStringLiteral("entries"))
                                .toArray(),
                     &delvals2),
            expected);
        QCOMPARE(delvals2, delvals);

        // pol -> .reg: every "delete all values" is named in a warning (a .reg cannot express it),
        // and the .reg reads back to the same values.
        r = cli({ QStringLiteral("convert"), file, dir + QStringLiteral("/out.reg"), QStringLiteral("--root"),
            root });
        QVERIFY2(r.ok, qPrintable(r.err));
        const int lost = countLines(r.err, QStringLiteral("warning: "));
        int lostExpected = int(delvals.size());
        for (const QString &k : expected.keys())
            if (k.section(QLatin1Char('|'), 1).startsWith(QLatin1String("**")))
                ++lostExpected;
        QCOMPARE(lost, lostExpected);
        for (const QString &key : std::as_const(delvals))
            QVERIFY2(r.err.contains(QStringLiteral("**delvals."), Qt::CaseInsensitive)
                    && r.err.contains(key, Qt::CaseInsensitive),
                qPrintable(key));
        const ToolRun strict = cli({ QStringLiteral("convert"), file, dir + QStringLiteral("/strict.reg"),
            QStringLiteral("--root"), root, QStringLiteral("--strict") });
        QCOMPARE(strict.exitCode, lost > 0 ? 2 : 0);
        QCOMPARE(QFile::exists(dir + QStringLiteral("/strict.reg")), lost == 0);
        auto reg = parseRegFile(readAll(dir + QStringLiteral("/out.reg")), QStringLiteral("out.reg"));
        QVERIFY2(reg.ok(), reg.ok() ? "" : qPrintable(reg.error().toString()));
        QString why;
        QVERIFY2(sameState(*parsed, reg->tree, &why), qPrintable(why));
        m_report << QStringLiteral("read %1: %2 entries, %3 lossy step(s) in pol -> reg")
                        .arg(relative)
                        .arg(entries.size())
                        .arg(lost);
    }

    void rdpFiles_data()
    {
        addRows(QStringLiteral("rdp"), { QStringLiteral("*.rdp"), QStringLiteral("*.RDP") });
    }
    void rdpFiles()
    {
        QFETCH(QString, relative);
        const ToolRun r = cli({ QStringLiteral("rdp"), QStringLiteral("lint"),
            corpus() + QLatin1Char('/') + relative, QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.err));
        QJsonParseError error;
        QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        ++m_filesRead;
    }

    void cleanupTestCase()
    {
        for (const QString &line : std::as_const(m_report))
            qInfo().noquote() << line;
        qInfo().noquote() << QStringLiteral(
            "corpus: %1 files read, %2 rejected (listed), %3 warnings, %4 values "
            "cross-checked against hivex/Samba")
                                 .arg(m_filesRead)
                                 .arg(rejections().size())
                                 .arg(m_warningsTotal)
                                 .arg(m_valuesCrossChecked);
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
