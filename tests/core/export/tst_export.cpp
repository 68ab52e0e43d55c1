#include "core/registry/PolFileCodec.h"
#include "core/registry/RegFileCodec.h"
#include "core/registry/export/Exporter.h"
#include "core/registry/export/PowerShellSyntax.h"

#include <QMap>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kCd
    = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");
const QString kList = kCd + QStringLiteral("\\AllowDefaultCredentials");
const QString kTest = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\SsoDoctorTest");
const QString kObsolete = kTest + QStringLiteral("\\Obsolete");
const QString kWhen = QStringLiteral("2024-05-01T12:00:00Z");

Change change(Change::Action a, const QString &key, const QString &name = {},
    std::optional<RegValue> after = std::nullopt, std::optional<RegValue> before = std::nullopt)
{
    return Change { a, key, name, std::move(before), std::move(after),
        QStringLiteral("credssp.allow-default"), {} };
}

/// Every value type, a value deletion, a key creation and a key deletion.
ChangeSet sample()
{
    using A = Change::Action;
    ChangeSet cs;
    cs.settingIds = { QStringLiteral("credssp.allow-default") };
    cs.changes = {
        change(A::CreateKey, kList),
        change(A::SetValue, kCd, QStringLiteral("AllowDefaultCredentials"), RegValue::fromDword(1)),
        change(A::SetValue, kList, QStringLiteral("1"),
            RegValue::fromString(QStringLiteral("HTTP/*.contoso.com"))),
        change(A::SetValue, kTest, QStringLiteral("Quote"), RegValue::fromString(QStringLiteral("it's")),
            RegValue::fromString(QStringLiteral("old"))),
        change(A::SetValue, kTest, QStringLiteral("Path"),
            RegValue::fromString(QStringLiteral("%SystemRoot%\\x"), RegType::ExpandSz)),
        change(A::SetValue, kTest, QStringLiteral("List"),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("b c") })),
        change(A::SetValue, kTest, QStringLiteral("AllBits"), RegValue::fromDword(0xFFFFFFFFu)),
        change(A::SetValue, kTest, QStringLiteral("Big"), RegValue::fromQword(0x100000000ull)),
        change(
            A::SetValue, kTest, QStringLiteral("Blob"), RegValue::fromBinary(QByteArray::fromHex("0102ff"))),
        change(A::SetValue, kTest, QString(), RegValue::fromString(QStringLiteral("default text"))),
        change(A::DeleteValue, kCd, QStringLiteral("ObsoleteValue"), std::nullopt, RegValue::fromDword(7)),
        change(A::DeleteValue, kObsolete, QStringLiteral("d"), std::nullopt, RegValue::fromDword(1)),
        change(A::DeleteKey, kObsolete),
    };
    return cs;
}

/// The registry the sample was computed against.
RegTree originalState()
{
    RegTree t;
    t.setValue(kCd, QStringLiteral("ObsoleteValue"), RegValue::fromDword(7));
    t.setValue(kTest, QStringLiteral("Quote"), RegValue::fromString(QStringLiteral("old")));
    t.setValue(kObsolete, QStringLiteral("d"), RegValue::fromDword(1));
    return t;
}

ExportOptions options()
{
    ExportOptions o;
    o.generatedAt = kWhen;
    o.sources = { { QStringLiteral("credssp.allow-default"), QStringLiteral("Allow default credentials"),
        QStringLiteral("SSO to RDP hosts needs the logged-on credentials delegated.") } };
    return o;
}

QByteArray exported(const ChangeSet &cs, ExportFormat f, const ExportOptions &o = options())
{
    const Result<QByteArray> r = exportChangeSet(cs, f, o);
    if (!r)
        qWarning() << r.error().toString();
    return r ? *r : QByteArray();
}

/// Script lines; also checks the BOM and that every line ends in CRLF.
QStringList scriptLines(const QByteArray &bytes)
{
    if (!bytes.startsWith("\xEF\xBB\xBF"))
        return { QStringLiteral("missing BOM") };
    const QString text = QString::fromUtf8(bytes.mid(3));
    if (text.count(QLatin1Char('\n')) != text.count(QStringLiteral("\r\n")))
        return { QStringLiteral("bare LF") };
    return text.split(QStringLiteral("\r\n"));
}

/// Replays a parsed .reg / .pol instruction tree onto a registry state, as regedit would.
void apply(RegTree &state, const RegTree &file)
{
    for (const RegKeyNode &n : file.nodes()) {
        if (n.deleteKey)
            state.removeSubtree(n.path);
        if (RegKeyNode *s = state.node(n.path); s && n.deleteAllValues)
            s->entries.clear();
        if (!n.present)
            continue;
        state.ensureKey(n.path);
        for (const RegEntry &e : n.entries)
            e.value ? state.setValue(n.path, e.name, *e.value) : void(state.removeEntry(n.path, e.name));
    }
}

/// Folded key → folded value name → "type:hex", for the keys that exist.
QMap<QString, QMap<QString, QString>> snapshot(const RegTree &t)
{
    QMap<QString, QMap<QString, QString>> out;
    for (const RegKeyNode &n : t.nodes()) {
        if (!n.present)
            continue;
        auto &values = out[n.path.toCaseFolded()];
        for (const RegEntry &e : n.entries)
            if (e.value)
                values.insert(e.name.toCaseFolded(),
                    QStringLiteral("%1:%2")
                        .arg(e.value->type())
                        .arg(QString::fromLatin1(e.value->data().toHex())));
    }
    return out;
}

RegTree parseReg(const QByteArray &bytes)
{
    const auto parsed = parseRegFile(bytes, QStringLiteral("export.reg"));
    if (!parsed)
        qWarning() << parsed.error().toString();
    return parsed ? parsed->tree : RegTree();
}

} // namespace

class TestExport final : public QObject {
    Q_OBJECT

private slots:
    void formatNames()
    {
        const QStringList names { QStringLiteral("reg"), QStringLiteral("reg-undo"), QStringLiteral("pol"),
            QStringLiteral("ps1"), QStringLiteral("gpo-ps1"), QStringLiteral("gpp-xml") };
        const QStringList suffixes { QStringLiteral(".reg"), QStringLiteral(".reg"), QStringLiteral(".pol"),
            QStringLiteral(".ps1"), QStringLiteral(".ps1"), QStringLiteral(".xml") };
        for (qsizetype i = 0; i < names.size(); ++i) {
            const auto f = exportFormatFromName(names[i]);
            QVERIFY(f);
            QCOMPARE(exportFormatName(*f), names[i]);
            QCOMPARE(exportFileSuffix(*f), suffixes[i]);
        }
        QCOMPARE(exportFormatFromName(QStringLiteral(" GPP-XML ")), ExportFormat::GppXml);
        QVERIFY(!exportFormatFromName(QStringLiteral("xml")));
    }

    void powerShellLiterals()
    {
        QCOMPARE(ps::quote(QStringLiteral("it's")), QStringLiteral("'it''s'"));
        QCOMPARE(ps::quote(QStringLiteral("a\u2019b")),
            QStringLiteral("'a\u2019\u2019b'")); // PowerShell's typographic quote
        QCOMPARE(ps::quote(QStringLiteral("a\nb$c\"`")), QStringLiteral("\"a`nb`$c`\"``\""));
        QCOMPARE(ps::dwordLiteral(0x7FFFFFFF), QStringLiteral("2147483647"));
        QCOMPARE(ps::dwordLiteral(0x80000000u), QStringLiteral("0x80000000"));
        QCOMPARE(ps::qwordLiteral(0xFFFFFFFFFFFFFFFFull), QStringLiteral("0xFFFFFFFFFFFFFFFF"));
        QCOMPARE(ps::byteArrayLiteral({}), QStringLiteral("([byte[]]@())"));
    }

    void ps1()
    {
        const QStringList lines = scriptLines(exported(sample(), ExportFormat::Ps1));
        const QString cd
            = QStringLiteral("'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation'");
        const QString t = QStringLiteral("-Path 'HKLM:\\SOFTWARE\\SsoDoctorTest'");
        const QStringList expected {
            QStringLiteral("#Requires -RunAsAdministrator"),
            QStringLiteral("$ErrorActionPreference = 'Stop'"),
            QStringLiteral("if (-not (Test-Path -Path %1)) { New-Item -Path %1 -Force | Out-Null }").arg(cd),
            QStringLiteral("Set-ItemProperty -Path %1 -Name 'AllowDefaultCredentials' -Type DWord -Value 1")
                .arg(cd),
            QStringLiteral("Set-ItemProperty %1 -Name 'Quote' -Type String -Value 'it''s'").arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name 'Path' -Type ExpandString -Value '%SystemRoot%\\x'")
                .arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name 'List' -Type MultiString -Value @('a','b c')").arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name 'AllBits' -Type DWord -Value 0xFFFFFFFF").arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name 'Big' -Type QWord -Value 4294967296").arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name 'Blob' -Type Binary -Value ([byte[]](0x01,0x02,0xFF))")
                .arg(t),
            QStringLiteral("Set-ItemProperty %1 -Name '(default)' -Type String -Value 'default text'").arg(t),
            QStringLiteral("Remove-ItemProperty -Path %1 -Name 'ObsoleteValue' -ErrorAction SilentlyContinue")
                .arg(cd),
            QStringLiteral("Remove-Item -Path 'HKLM:\\SOFTWARE\\SsoDoctorTest\\Obsolete' -Recurse -Force "
                           "-ErrorAction SilentlyContinue"),
        };
        for (const QString &line : expected)
            QVERIFY2(lines.contains(line), qPrintable(line));
        QCOMPARE(lines.first(), QStringLiteral("<#"));
        // The key is made sure of once, however many values are set in it.
        QCOMPARE(lines.filter(QStringLiteral("New-Item -Path %1").arg(cd)).size(), 1);
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("Generated by SSO Doctor 2024-05-01T12:00:00Z")));
        QVERIFY(all.contains(
            QStringLiteral("credssp.allow-default \u2014 Allow default credentials: SSO to RDP hosts")));
        QVERIFY(all.contains(
            QStringLiteral("Effect: Sets 9 values, deletes 2 values, creates 1 key, deletes 1 key.")));
        QVERIFY(all.contains(QStringLiteral("Run elevated")));
        QVERIFY(lines.indexOf(QStringLiteral("#>"))
            < lines.indexOf(QStringLiteral("#Requires -RunAsAdministrator")));
    }

    void ps1EdgeCases()
    {
        using A = Change::Action;
        ChangeSet cs;
        const QString zone = QStringLiteral("HKEY_CURRENT_USER\\Software\\Zone[1]");
        cs.changes = {
            change(A::DeleteValue, zone, QStringLiteral("*")),
            change(
                A::SetValue, zone, QStringLiteral("Text"), RegValue::fromString(QStringLiteral("l1\r\nl2"))),
        };
        const QStringList lines = scriptLines(exported(cs, ExportFormat::Ps1));
        QVERIFY(
            !lines.contains(QStringLiteral("#Requires -RunAsAdministrator"))); // HKCU only: run as that user
        QVERIFY(lines.contains(
            QStringLiteral("$Key = [Microsoft.Win32.Registry]::CurrentUser.OpenSubKey("
                           "'Software\\Zone[1]', $true); if ($Key) { $Key.DeleteValue('*', $false); "
                           "$Key.Close() }")));
        QVERIFY(lines.contains(
            QStringLiteral("Set-ItemProperty -LiteralPath 'HKCU:\\Software\\Zone[1]' -Name 'Text' "
                           "-Type String -Value \"l1`r`nl2\"")));

        ChangeSet users;
        users.changes = { change(A::SetValue, QStringLiteral("HKEY_USERS\\S-1-5-18\\Software\\X"),
            QStringLiteral("V"), RegValue::fromDword(0x80000000u)) };
        QVERIFY(scriptLines(exported(users, ExportFormat::Ps1))
                    .contains(
                        QStringLiteral("Set-ItemProperty -Path 'Registry::HKEY_USERS\\S-1-5-18\\Software\\X' "
                                       "-Name 'V' -Type DWord -Value 0x80000000")));

        ChangeSet link;
        link.changes = { change(A::SetValue, kTest, QStringLiteral("L"), RegValue(6, QByteArray("x\0", 2))) };
        const auto r = exportChangeSet(link, ExportFormat::Ps1, options());
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Unsupported);
        QVERIFY(r.error().message.contains(QStringLiteral("REG_LINK")));
    }

    void gpoPs1()
    {
        ExportOptions o = options();
        o.gpoName = QStringLiteral("O'Brien SSO");
        const QStringList lines = scriptLines(exported(sample(), ExportFormat::GpoPs1, o));
        const QString cd
            = QStringLiteral("'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation'");
        const QString t = QStringLiteral("-Key 'HKLM\\SOFTWARE\\SsoDoctorTest'");
        const QStringList expected {
            QStringLiteral("Import-Module GroupPolicy"),
            QStringLiteral("$Gpo = 'O''Brien SSO'"),
            QStringLiteral(
                "Set-GPRegistryValue -Name $Gpo -Key %1 -ValueName 'AllowDefaultCredentials' -Type DWord "
                "-Value 1")
                .arg(cd),
            QStringLiteral(
                "Set-GPRegistryValue -Name $Gpo -Key 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\"
                "CredentialsDelegation\\AllowDefaultCredentials' -ValueName '1' -Type String "
                "-Value 'HTTP/*.contoso.com'"),
            QStringLiteral("Set-GPRegistryValue -Name $Gpo %1 -ValueName 'Quote' -Type String -Value 'it''s'")
                .arg(t),
            QStringLiteral("Set-GPRegistryValue -Name $Gpo %1 -ValueName 'Path' -Type ExpandString "
                           "-Value '%SystemRoot%\\x'")
                .arg(t),
            QStringLiteral("Set-GPRegistryValue -Name $Gpo %1 -ValueName 'List' -Type MultiString "
                           "-Value @('a','b c')")
                .arg(t),
            QStringLiteral(
                "Set-GPRegistryValue -Name $Gpo %1 -ValueName 'AllBits' -Type DWord -Value 0xFFFFFFFF")
                .arg(t),
            QStringLiteral("Set-GPRegistryValue -Name $Gpo %1 -ValueName 'Big' -Type QWord -Value 4294967296")
                .arg(t),
            QStringLiteral("Set-GPRegistryValue -Name $Gpo %1 -ValueName 'Blob' -Type Binary "
                           "-Value ([byte[]](0x01,0x02,0xFF))")
                .arg(t),
            QStringLiteral(
                "Set-GPRegistryValue -Name $Gpo %1 -ValueName '' -Type String -Value 'default text'")
                .arg(t),
            // Deletions must reach clients: -Disable, not Remove-GPRegistryValue.
            QStringLiteral("Set-GPRegistryValue -Name $Gpo -Key %1 -ValueName 'ObsoleteValue' -Disable")
                .arg(cd),
            QStringLiteral(
                "Set-GPRegistryValue -Name $Gpo -Key 'HKLM\\SOFTWARE\\SsoDoctorTest\\Obsolete' -Disable"),
        };
        for (const QString &line : expected)
            QVERIFY2(lines.contains(line), qPrintable(line));
        const QString all = lines.join(QLatin1Char('\n'));
        QVERIFY(!all.contains(QStringLiteral("Remove-GPRegistryValue -Name")));
        QVERIFY(all.contains(QStringLiteral("Generated by SSO Doctor 2024-05-01T12:00:00Z")));
        QVERIFY(all.contains(QStringLiteral("Settings: credssp.allow-default")));

        ChangeSet hku;
        hku.changes = { change(Change::Action::SetValue, QStringLiteral("HKEY_USERS\\.DEFAULT\\X"),
            QStringLiteral("V"), RegValue::fromDword(1)) };
        const auto r = exportChangeSet(hku, ExportFormat::GpoPs1, options());
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Unsupported);
        o.gpoName.clear();
        QCOMPARE(exportChangeSet(sample(), ExportFormat::GpoPs1, o).error().code, Error::Code::InvalidInput);
    }

    void gppXml()
    {
        const QByteArray bytes = exported(sample(), ExportFormat::GppXml);
        QVERIFY(bytes.startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n"));
        QCOMPARE(bytes.count("\n"), bytes.count("\r\n"));
        QCOMPARE(bytes, exported(sample(), ExportFormat::GppXml)); // pinned time: byte-stable

        struct Item {
            QMap<QString, QString> reg, props;
            QStringList values;
        };
        QList<Item> items;
        QString comment;
        QXmlStreamReader xml(bytes);
        while (xml.readNext() != QXmlStreamReader::EndDocument && !xml.hasError()) {
            if (xml.isComment())
                comment = xml.text().toString();
            if (!xml.isStartElement())
                continue;
            QMap<QString, QString> attrs;
            for (const auto &a : xml.attributes())
                attrs.insert(a.name().toString(), a.value().toString());
            if (xml.name() == QLatin1String("RegistrySettings"))
                QCOMPARE(attrs.value(QStringLiteral("clsid")),
                    QStringLiteral("{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}"));
            else if (xml.name() == QLatin1String("Registry"))
                items.append({ attrs, {}, {} });
            else if (xml.name() == QLatin1String("Properties"))
                items.last().props = attrs;
            else if (xml.name() == QLatin1String("Value"))
                items.last().values << xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(comment.contains(QStringLiteral("Generated by SSO Doctor 2024-05-01T12:00:00Z")));
        QVERIFY(comment.contains(QStringLiteral("Machine\\Preferences\\Registry\\Registry.xml")));

        // display name, image, action, default, key (below HKLM), name, type, value
        const QList<QStringList> want {
            { QStringLiteral("AllowDefaultCredentials"), QStringLiteral("2"), QStringLiteral("U"),
                QStringLiteral("0"), path(kList), QString(), QStringLiteral("REG_SZ"), QString() },
            { QStringLiteral("AllowDefaultCredentials"), QStringLiteral("12"), QStringLiteral("U"),
                QStringLiteral("0"), path(kCd), QStringLiteral("AllowDefaultCredentials"),
                QStringLiteral("REG_DWORD"), QStringLiteral("00000001") },
            { QStringLiteral("1"), QStringLiteral("7"), QStringLiteral("U"), QStringLiteral("0"), path(kList),
                QStringLiteral("1"), QStringLiteral("REG_SZ"), QStringLiteral("HTTP/*.contoso.com") },
            { QStringLiteral("Quote"), QStringLiteral("7"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("Quote"), QStringLiteral("REG_SZ"), QStringLiteral("it's") },
            { QStringLiteral("Path"), QStringLiteral("7"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("Path"), QStringLiteral("REG_EXPAND_SZ"),
                QStringLiteral("%SystemRoot%\\x") },
            { QStringLiteral("List"), QStringLiteral("7"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("List"), QStringLiteral("REG_MULTI_SZ"),
                QStringLiteral("a b c") },
            { QStringLiteral("AllBits"), QStringLiteral("12"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("AllBits"), QStringLiteral("REG_DWORD"),
                QStringLiteral("FFFFFFFF") },
            { QStringLiteral("Big"), QStringLiteral("12"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("Big"), QStringLiteral("REG_QWORD"),
                QStringLiteral("0000000100000000") },
            { QStringLiteral("Blob"), QStringLiteral("17"), QStringLiteral("U"), QStringLiteral("0"),
                path(kTest), QStringLiteral("Blob"), QStringLiteral("REG_BINARY"), QStringLiteral("0102FF") },
            { QStringLiteral("(Default)"), QStringLiteral("7"), QStringLiteral("U"), QStringLiteral("1"),
                path(kTest), QString(), QStringLiteral("REG_SZ"), QStringLiteral("default text") },
            { QStringLiteral("ObsoleteValue"), QStringLiteral("13"), QStringLiteral("D"), QStringLiteral("0"),
                path(kCd), QStringLiteral("ObsoleteValue"), QStringLiteral("REG_DWORD"), QString() },
            { QStringLiteral("d"), QStringLiteral("13"), QStringLiteral("D"), QStringLiteral("0"),
                path(kObsolete), QStringLiteral("d"), QStringLiteral("REG_DWORD"), QString() },
            { QStringLiteral("Obsolete"), QStringLiteral("3"), QStringLiteral("D"), QStringLiteral("0"),
                path(kObsolete), QString(), QStringLiteral("REG_SZ"), QString() },
        };
        QCOMPARE(items.size(), want.size());
        const QRegularExpression uidForm(QStringLiteral("^\\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\\}$"));
        QSet<QString> uids;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const Item &it = items[i];
            const QStringList &w = want[i];
            QCOMPARE(it.reg.value(QStringLiteral("clsid")),
                QStringLiteral("{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}"));
            QCOMPARE(it.reg.value(QStringLiteral("name")), w[0]);
            QCOMPARE(it.reg.value(QStringLiteral("status")), w[0]);
            QCOMPARE(it.reg.value(QStringLiteral("image")), w[1]);
            QCOMPARE(it.reg.value(QStringLiteral("changed")), QStringLiteral("2024-05-01 12:00:00"));
            QVERIFY(uidForm.match(it.reg.value(QStringLiteral("uid"))).hasMatch());
            uids.insert(it.reg.value(QStringLiteral("uid")));
            QCOMPARE(it.props.value(QStringLiteral("action")), w[2]);
            QCOMPARE(it.props.value(QStringLiteral("default")), w[3]);
            QCOMPARE(it.props.value(QStringLiteral("hive")), QStringLiteral("HKEY_LOCAL_MACHINE"));
            QCOMPARE(it.props.value(QStringLiteral("key")), w[4]);
            QCOMPARE(it.props.value(QStringLiteral("name")), w[5]);
            QCOMPARE(it.props.value(QStringLiteral("type")), w[6]);
            QCOMPARE(it.props.value(QStringLiteral("value")), w[7]);
        }
        QCOMPARE(uids.size(), items.size());
        QCOMPARE(items[1].props.value(QStringLiteral("displayDecimal")), QStringLiteral("1"));
        QCOMPARE(items[5].values, (QStringList { QStringLiteral("a"), QStringLiteral("b c") }));

        ExportOptions later = options();
        later.generatedAt = QStringLiteral("2024-05-02T08:00:00Z");
        QVERIFY(exported(sample(), ExportFormat::GppXml, later) != bytes);
    }

    void gppXmlLineBreaks()
    {
        // CR and LF survive a parser (which would normalise raw ones) in attributes and <Value> text.
        using A = Change::Action;
        ChangeSet cs;
        const QString key = QStringLiteral("HKEY_CURRENT_USER\\Software\\X");
        const QString text = QStringLiteral("l1\r\nl2\rl3\tx");
        cs.changes = { change(A::SetValue, key, QStringLiteral("S"), RegValue::fromString(text)),
            change(A::SetValue, key, QStringLiteral("M"),
                RegValue::fromMultiString({ text, QStringLiteral("b") })) };
        const QByteArray bytes = exported(cs, ExportFormat::GppXml);
        QXmlStreamReader xml(bytes);
        QStringList values, items;
        QString comment;
        while (xml.readNext() != QXmlStreamReader::EndDocument && !xml.hasError()) {
            if (xml.isComment())
                comment = xml.text().toString();
            if (xml.isStartElement() && xml.name() == QLatin1String("Properties"))
                values << xml.attributes().value(QStringLiteral("value")).toString();
            if (xml.isStartElement() && xml.name() == QLatin1String("Value"))
                items << xml.readElementText();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(values.first(), text);
        QCOMPARE(items, (QStringList { text, QStringLiteral("b") }));
        QVERIFY(comment.contains(QStringLiteral("User\\Preferences\\Registry\\Registry.xml")));

        ChangeSet bad;
        bad.changes = { change(
            A::SetValue, key, QStringLiteral("S"), RegValue::fromString(QStringLiteral("a\x01"))) };
        QCOMPARE(
            exportChangeSet(bad, ExportFormat::GppXml, options()).error().code, Error::Code::Unsupported);
    }

    void regRoundTrip()
    {
        const QByteArray reg = exported(sample(), ExportFormat::Reg);
        QVERIFY(reg.startsWith("\xFF\xFE"));
        const QString text = QString::fromUtf16(
            reinterpret_cast<const char16_t *>(reg.constData() + 2), (reg.size() - 2) / 2);
        QVERIFY(text.contains(QStringLiteral("; Generated by SSO Doctor 2024-05-01T12:00:00Z")));
        QVERIFY(text.contains(
            QStringLiteral("Effect: Sets 9 values, deletes 2 values, creates 1 key, deletes 1 key.")));

        const RegTree file = parseReg(reg);
        QCOMPARE(*file.value(kCd, QStringLiteral("AllowDefaultCredentials")), RegValue::fromDword(1));
        QCOMPARE(*file.value(kTest, QStringLiteral("AllBits")), RegValue::fromDword(0xFFFFFFFFu));
        QCOMPARE(*file.value(kTest, QString()), RegValue::fromString(QStringLiteral("default text")));
        QVERIFY(file.keyExists(kList));
        const RegKeyNode *cd = file.node(kCd);
        QVERIFY(cd);
        QVERIFY(std::any_of(cd->entries.cbegin(), cd->entries.cend(),
            [](const RegEntry &e) { return e.name == QLatin1String("ObsoleteValue") && !e.value; }));
        const RegKeyNode *gone = file.node(kObsolete);
        QVERIFY(gone && gone->deleteKey && !gone->present);

        // Applying the export and then its undo gives back the registry it was computed against.
        RegTree state = originalState();
        apply(state, file);
        QCOMPARE(*state.value(kTest, QStringLiteral("Quote")), RegValue::fromString(QStringLiteral("it's")));
        QVERIFY(!state.value(kCd, QStringLiteral("ObsoleteValue")));
        QVERIFY(!state.keyExists(kObsolete));
        const QByteArray undo = exported(sample(), ExportFormat::RegUndo);
        QVERIFY(QString::fromUtf16(
            reinterpret_cast<const char16_t *>(undo.constData() + 2), (undo.size() - 2) / 2)
                    .contains(QStringLiteral("undoes the SSO Doctor export generated 2024-05-01T12:00:00Z")));
        apply(state, parseReg(undo));
        QCOMPARE(snapshot(state), snapshot(originalState()));
    }

    void pol()
    {
        const auto tree = parsePolFile(exported(sample(), ExportFormat::Pol), QStringLiteral("Registry.pol"));
        QVERIFY2(tree, tree ? "" : qPrintable(tree.error().toString()));
        QCOMPARE(*tree->value(kTest, QStringLiteral("List")),
            RegValue::fromMultiString({ QStringLiteral("a"), QStringLiteral("b c") }));
        QCOMPARE(*tree->value(kTest, QStringLiteral("Big")), RegValue::fromQword(0x100000000ull));
        QVERIFY(tree->keyExists(kList));
        const RegKeyNode *cd = tree->node(kCd);
        QVERIFY(cd && std::any_of(cd->entries.cbegin(), cd->entries.cend(), [](const RegEntry &e) {
            return e.name.compare(QLatin1String("ObsoleteValue"), Qt::CaseInsensitive) == 0 && !e.value;
        }));
        const RegKeyNode *gone = tree->node(kObsolete);
        QVERIFY(gone && gone->deleteKey);

        using A = Change::Action;
        ChangeSet user;
        const QString hkcu = QStringLiteral("HKEY_CURRENT_USER\\Software\\Policies\\X");
        user.changes = { change(A::SetValue, hkcu, QStringLiteral("V"), RegValue::fromDword(2)) };
        const auto userTree = parsePolFile(exported(user, ExportFormat::Pol), QStringLiteral("Registry.pol"),
            QStringLiteral("HKEY_CURRENT_USER"));
        QVERIFY(userTree);
        QCOMPARE(*userTree->value(hkcu, QStringLiteral("V")), RegValue::fromDword(2));

        ChangeSet mixed = sample();
        mixed.changes << user.changes;
        const auto r = exportChangeSet(mixed, ExportFormat::Pol, options());
        QVERIFY(!r);
        QCOMPARE(r.error().code, Error::Code::Unsupported);
        QVERIFY(r.error().message.contains(QStringLiteral("separately")));
    }

private:
    static QString path(const QString &key) { return key.section(QLatin1Char('\\'), 1); }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
