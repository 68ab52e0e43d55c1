// Browser JSON policy files as registry stores. Expected registry forms come from the browsers'
// documentation: Mozilla's policy reference (Authentication\SPNEGO\1 = "mydomain.com",
// Authentication\AllowNonFQDN\SPNEGO = 0x1), Chrome's list policies (<Policy>\1, \2 … REG_SZ) and
// dictionary policies (REG_SZ holding JSON), and the Linux policy folders of FACTS.md §3(f).
#include "core/registry/FileStore.h"
#include "core/registry/JsonPolicyStore.h"
#include "core/registry/RegPath.h"
#include "core/registry/StoreFactory.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

const QString kChromium = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium");
const QString kFirefox = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Mozilla\\Firefox");

// Every JSON type each flavour has; booleans of new Chromium values need a known boolean policy
// name, Firefox takes 0/1 for booleans (see JsonPolicyTree), so its sample uses a number.
const char *const kChromiumTypes
    = R"({"S": "text", "EnableAuthNegotiatePort": true, "DisableAuthNegotiateCnameLookup": false,
    "I": 3, "Neg": -5, "Big": 8589934592, "Null": null, "L": ["a", "b", "c"], "D": {"k": [1, {"x": true}]}, "LD": [{"a": 1}]})";
const char *const kFirefoxTypes = R"({"policies": {"S": "text", "I": 3, "Null": null,
    "Authentication": {"SPNEGO": ["a.com", "https://b.com"], "AllowNonFQDN": {"SPNEGO": 1}}, "Bookmarks": [{"Title": "t", "URL": "u"}]}})";

QByteArray readBytes(const QString &file)
{
    QFile f(file);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject readJson(const QString &file)
{
    return QJsonDocument::fromJson(readBytes(file)).object();
}

void writeBytes(const QString &file, const QByteArray &bytes)
{
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

/// Replays everything \a from holds below \a key as operations that recreate it elsewhere.
void copyView(const RegistryStore &from, const QString &key, RegOps &ops)
{
    ops << RegOp::createKey(key);
    const QStringList names = *from.valueNames(key);
    for (const QString &name : names)
        ops << RegOp::set(key, name, **from.value(key, name));
    const QStringList subkeys = *from.subkeyNames(key);
    for (const QString &sub : subkeys)
        copyView(from, path::join(key, sub), ops);
}

} // namespace

class TestJsonStore final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<RegistryStore> open(const QString &file, const QString &root = {}, bool create = false)
    {
        auto s = openStore(file, root, create);
        if (!s)
            qWarning("%s", qPrintable(s.error().toString()));
        return s ? std::move(*s) : nullptr;
    }

private slots:
    void detectsJsonByContentAndName()
    {
        QCOMPARE(detectFileType("{\"a\":1}", QStringLiteral("x.bin")), FileType::JsonPolicy);
        QCOMPARE(detectFileType(" \n\t{", QStringLiteral("x")), FileType::JsonPolicy);
        QCOMPARE(detectFileType("\xef\xbb\xbf{}", QStringLiteral("x")), FileType::JsonPolicy);
        QCOMPARE(detectFileType({}, QStringLiteral("new.json")), FileType::JsonPolicy);
        QCOMPARE(detectFileType("[1, 2]", QStringLiteral("x.json")),
            FileType::JsonPolicy); // refused with a reason
        QCOMPARE(detectFileType("[1, 2]", QStringLiteral("x.bin")), FileType::Unknown);
        QCOMPARE(detectFileType("REGEDIT4\r\n", QStringLiteral("x.json")), FileType::RegFile);
    }

    void mountFollowsTheBrowserFolder()
    {
        const auto chromium = JsonPolicyFlavour::Chromium;
        QCOMPARE(
            JsonPolicyStore::mountForPath(QStringLiteral("/etc/chromium/policies/managed/a.json"), chromium),
            kChromium);
        QCOMPARE(JsonPolicyStore::mountForPath(
                     QStringLiteral("/etc/opt/chrome/policies/managed/a.json"), chromium),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome"));
        QCOMPARE(
            JsonPolicyStore::mountForPath(QStringLiteral("/etc/opt/edge/policies/managed/a.json"), chromium),
            QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge"));
        QCOMPARE(JsonPolicyStore::mountForPath(QStringLiteral("/tmp/elsewhere.json"), chromium), kChromium);
        QCOMPARE(JsonPolicyStore::mountForPath(
                     QStringLiteral("/etc/firefox/policies/policies.json"), JsonPolicyFlavour::Firefox),
            kFirefox);

        writeBytes(path(QStringLiteral("edge.json")), "{}");
        auto s = open(
            path(QStringLiteral("edge.json")), QStringLiteral("HKLM\\SOFTWARE\\Policies\\Microsoft\\Edge"));
        QVERIFY(s);
        QCOMPARE(s->kind(), StoreKind::JsonPolicy);
        QCOMPARE(s->scope(), QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge"));
    }

    void chromiumFileReadsAsItsRegistryForm()
    {
        const QString file = path(QStringLiteral("chromium-read.json"));
        writeBytes(file,
            R"({"AuthServerAllowlist": "*.contoso.com,contoso.com", "DisableAuthNegotiateCnameLookup": true,
            "DefaultCookiesSetting": 1, "AllHttpAuthSchemesAllowedForOrigins": ["*.example.com", "b.example.com"],
            "ExtensionSettings": {"*": {"installation_mode": "blocked"}}, "ManagedBookmarks": [{"name": "n", "url": "u"}],
            "Big": 5000000000, "Negative": -1, "Nothing": null})");
        auto s = open(file);
        QVERIFY(s);
        QCOMPARE(s->scope(), kChromium);
        QCOMPARE(**s->value(kChromium, QStringLiteral("AuthServerAllowlist")),
            RegValue::fromString(QStringLiteral("*.contoso.com,contoso.com")));
        QCOMPARE(**s->value(kChromium, QStringLiteral("authserverallowlist")),
            RegValue::fromString(QStringLiteral("*.contoso.com,contoso.com")));
        QCOMPARE(
            **s->value(kChromium, QStringLiteral("DisableAuthNegotiateCnameLookup")), RegValue::fromDword(1));
        QCOMPARE(**s->value(kChromium, QStringLiteral("DefaultCookiesSetting")), RegValue::fromDword(1));
        QCOMPARE(**s->value(kChromium, QStringLiteral("Big")), RegValue::fromQword(5000000000ULL));
        QCOMPARE(**s->value(kChromium, QStringLiteral("Negative")), RegValue::fromDword(0xffffffffU));
        QCOMPARE((*s->value(kChromium, QStringLiteral("Nothing")))->type(), quint32(RegType::None));
        // A list of strings is a subkey with values 1, 2, … (Chrome's Windows list form).
        const QString list = kChromium + QStringLiteral("\\AllHttpAuthSchemesAllowedForOrigins");
        QVERIFY(*s->keyExists(list));
        QCOMPARE(*s->subkeyNames(kChromium),
            QStringList { QStringLiteral("AllHttpAuthSchemesAllowedForOrigins") });
        QCOMPARE(
            **s->value(list, QStringLiteral("1")), RegValue::fromString(QStringLiteral("*.example.com")));
        QCOMPARE(
            **s->value(list, QStringLiteral("2")), RegValue::fromString(QStringLiteral("b.example.com")));
        QVERIFY(!*s->value(kChromium, QStringLiteral("AllHttpAuthSchemesAllowedForOrigins")));
        // Dictionaries (and lists of dictionaries) are one REG_SZ holding JSON, as on Windows.
        const auto dict = QJsonDocument::fromJson(
            (*s->value(kChromium, QStringLiteral("ExtensionSettings")))->toString().toUtf8());
        QCOMPARE(dict.object(), parse(R"({"*": {"installation_mode": "blocked"}})"));
        const auto bookmarks = QJsonDocument::fromJson(
            (*s->value(kChromium, QStringLiteral("ManagedBookmarks")))->toString().toUtf8());
        QCOMPARE(
            bookmarks.array().at(0).toObject().value(QLatin1String("url")).toString(), QStringLiteral("u"));
        // The file is flat: nothing deeper than a list policy belongs to it, nor other browsers.
        QVERIFY(s->covers(list));
        QVERIFY(!s->covers(list + QStringLiteral("\\x")));
        QVERIFY(!s->covers(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome")));
        QVERIFY(*s->keyExists(kChromium));
        QVERIFY(!*s->keyExists(kChromium + QStringLiteral("\\AuthServerAllowlist")));
    }

    void dictionaryTextKeepsTheTypeOfTheLeafItReplaces()
    {
        // A string that happens to hold a list of dictionaries (found by fuzzing): written over
        // itself it stays that very string; the same text as a new value becomes JSON, as Chrome
        // reads a dictionary policy's registry text.
        const QString file = path(QStringLiteral("dict-text.json"));
        writeBytes(file, "{\"ManagedBookmarks\": \" [ {\\\"a\\\": 1} ]\"}");
        auto s = open(file);
        QVERIFY(s);
        const RegValue text = **s->value(kChromium, QStringLiteral("ManagedBookmarks"));
        QCOMPARE(text, RegValue::fromString(QStringLiteral(" [ {\"a\": 1} ]")));
        QVERIFY(s->commit({ RegOp::set(kChromium, QStringLiteral("ManagedBookmarks"), text),
            RegOp::set(kChromium, QStringLiteral("Fresh"), text) }));
        QCOMPARE(readJson(file), parse("{\"ManagedBookmarks\": \" [ {\\\"a\\\": 1} ]\", \"Fresh\": [{\"a\": 1}]}"));
        auto again = open(file);
        QVERIFY(again);
        QCOMPARE(**again->value(kChromium, QStringLiteral("ManagedBookmarks")), text);
    }

    void everyTypeSurvivesTheRegistryView_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("chromium") << QStringLiteral("chromium-types.json") << QByteArray(kChromiumTypes);
        QTest::newRow("firefox") << QStringLiteral("policies.json") << QByteArray(kFirefoxTypes);
    }

    void everyTypeSurvivesTheRegistryView()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, json);
        QDir().mkpath(path(QStringLiteral("types-src")));
        QDir().mkpath(path(QStringLiteral("types-dst")));
        const QString src = path(QStringLiteral("types-src/") + name);
        const QString dst = path(QStringLiteral("types-dst/") + name);
        writeBytes(src, json);
        auto from = open(src);
        QVERIFY(from);
        auto to = open(dst, {}, true);
        QVERIFY(to);
        // Everything the registry view shows, written into an empty file, gives the same JSON.
        RegOps ops;
        copyView(*from, from->scope(), ops);
        const auto r = to->commit(ops);
        QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
        QCOMPARE(readJson(dst), QJsonDocument::fromJson(json).object());
        // Writing each value back over itself changes nothing either.
        RegOps same;
        copyView(*from, from->scope(), same);
        QVERIFY(from->commit(same));
        QCOMPARE(readJson(src), QJsonDocument::fromJson(json).object());
    }

    void firefoxNestedObjectsAndLists()
    {
        const QString dir = path(QStringLiteral("ff"));
        QDir().mkpath(dir);
        const QString file = dir + QStringLiteral("/policies.json");
        writeBytes(file, R"({"policies": {"DisableAppUpdate": true,
            "Authentication": {"SPNEGO": ["old.contoso.com"], "AllowNonFQDN": {"SPNEGO": true}}}, "comment": "kept"})");
        auto s = open(file);
        QVERIFY(s);
        QCOMPARE(s->scope(), kFirefox);
        const QString auth = kFirefox + QStringLiteral("\\Authentication");
        QCOMPARE(**s->value(auth + QStringLiteral("\\SPNEGO"), QStringLiteral("1")),
            RegValue::fromString(QStringLiteral("old.contoso.com")));
        QCOMPARE(**s->value(auth + QStringLiteral("\\AllowNonFQDN"), QStringLiteral("SPNEGO")),
            RegValue::fromDword(1));
        QStringList subkeys = *s->subkeyNames(auth);
        subkeys.sort();
        QCOMPARE(subkeys, (QStringList { QStringLiteral("AllowNonFQDN"), QStringLiteral("SPNEGO") }));

        // The registry form of a new list (the key, then values 1, 2) becomes a JSON array; a new
        // key with named values becomes an object; a DWORD over a boolean stays a boolean.
        const RegOps ops { RegOp::set(auth + QStringLiteral("\\SPNEGO"), QStringLiteral("2"),
                               RegValue::fromString(QStringLiteral("portal.contoso.com"))),
            RegOp::createKey(auth + QStringLiteral("\\Delegated")),
            RegOp::set(auth + QStringLiteral("\\Delegated"), QStringLiteral("1"),
                RegValue::fromString(QStringLiteral("portal.contoso.com"))),
            RegOp::set(
                auth + QStringLiteral("\\AllowProxies"), QStringLiteral("SPNEGO"), RegValue::fromDword(1)),
            RegOp::set(
                auth + QStringLiteral("\\AllowNonFQDN"), QStringLiteral("SPNEGO"), RegValue::fromDword(0)) };
        QVERIFY(s->commit(ops));
        QCOMPARE(static_cast<const JsonPolicyStore &>(*s).document(), readJson(file));
        QCOMPARE(readJson(file),
            parse(R"({"comment": "kept", "policies": {"DisableAppUpdate": true, "Authentication": {
            "SPNEGO": ["old.contoso.com", "portal.contoso.com"], "Delegated": ["portal.contoso.com"],
            "AllowProxies": {"SPNEGO": 1}, "AllowNonFQDN": {"SPNEGO": false}}}})"));
        // Deleting a middle item closes the gap, as a JSON array has no holes.
        QVERIFY(s->commit({ RegOp::deleteValue(auth + QStringLiteral("\\SPNEGO"), QStringLiteral("1")) }));
        QCOMPARE(
            readJson(file)
                .value(QLatin1String("policies"))[QLatin1String("Authentication")][QLatin1String("SPNEGO")]
                .toArray(),
            QJsonArray { QStringLiteral("portal.contoso.com") });
        QCOMPARE(**s->value(auth + QStringLiteral("\\SPNEGO"), QStringLiteral("1")),
            RegValue::fromString(QStringLiteral("portal.contoso.com")));
    }

    void chromiumWritesUseJsonTypes()
    {
        const QString file = path(QStringLiteral("chromium-write.json"));
        writeBytes(file, R"({"HomepageLocation": "x", "NtlmV2Enabled": false})");
        auto s = open(file);
        QVERIFY(s);
        const QString list = kChromium + QStringLiteral("\\URLAllowlist");
        const RegOps ops { RegOp::set(kChromium, QStringLiteral("AuthServerAllowlist"),
                               RegValue::fromString(QStringLiteral("a.contoso.com"))),
            RegOp::set(kChromium, QStringLiteral("DisableAuthNegotiateCnameLookup"), RegValue::fromDword(1)),
            RegOp::set(kChromium, QStringLiteral("NtlmV2Enabled"), RegValue::fromDword(1)),
            RegOp::set(kChromium, QStringLiteral("DefaultCookiesSetting"), RegValue::fromDword(1)),
            RegOp::set(kChromium, QStringLiteral("ExtensionSettings"),
                RegValue::fromString(QStringLiteral("{\"*\": {\"blocked_permissions\": [\"usb\"]}}"))),
            RegOp::createKey(list),
            RegOp::set(list, QStringLiteral("1"), RegValue::fromString(QStringLiteral("contoso.com"))) };
        QVERIFY(s->commit(ops));
        QCOMPARE(readJson(file), parse(R"({"HomepageLocation": "x", "AuthServerAllowlist": "a.contoso.com",
            "DisableAuthNegotiateCnameLookup": true, "NtlmV2Enabled": true, "DefaultCookiesSetting": 1,
            "ExtensionSettings": {"*": {"blocked_permissions": ["usb"]}}, "URLAllowlist": ["contoso.com"]})"));
        QVERIFY(s->commit(
            { RegOp::deleteKey(list), RegOp::deleteValue(kChromium, QStringLiteral("HomepageLocation")) }));
        QVERIFY(!readJson(file).contains(QLatin1String("URLAllowlist")));
        QVERIFY(!readJson(file).contains(QLatin1String("HomepageLocation")));
        QVERIFY(readJson(file).contains(QLatin1String("AuthServerAllowlist")));
    }

    void refusedWritesLeaveTheFileAlone_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<QString>("message");
        QTest::newRow("multi-sz") << 0 << QStringLiteral("no REG_MULTI_SZ values");
        QTest::newRow("value over a list") << 1 << QStringLiteral("cannot also be a single value");
        QTest::newRow("list value not numbered") << 2 << QStringLiteral("named 1, 2");
        QTest::newRow("other browser") << 3 << QStringLiteral("cannot hold");
        QTest::newRow("too deep") << 4 << QStringLiteral("cannot hold");
    }

    void refusedWritesLeaveTheFileAlone()
    {
        QFETCH(int, index);
        QFETCH(QString, message);
        const QString file = path(QStringLiteral("refuse.json"));
        const QByteArray original = R"({"URLBlocklist": ["a"], "X": "y"})";
        writeBytes(file, original);
        auto s = open(file);
        QVERIFY(s);
        const QString list = kChromium + QStringLiteral("\\URLBlocklist");
        const RegOp bad[] = { RegOp::set(kChromium, QStringLiteral("M"),
                                  RegValue::fromMultiString({ QStringLiteral("a") })),
            RegOp::set(kChromium, QStringLiteral("URLBlocklist"), RegValue::fromString(QStringLiteral("a"))),
            RegOp::set(list, QStringLiteral("name"), RegValue::fromString(QStringLiteral("a"))),
            RegOp::set(QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome"),
                QStringLiteral("A"), RegValue::fromString(QStringLiteral("a"))),
            RegOp::createKey(list + QStringLiteral("\\deeper")) };
        // A good operation first: the commit is all or nothing.
        const auto r = s->commit(
            { RegOp::set(kChromium, QStringLiteral("X"), RegValue::fromString(QStringLiteral("changed"))),
                bad[index] });
        QVERIFY(!r);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
        QCOMPARE(r.error().location, file);
        QCOMPARE(readBytes(file), original);
        QCOMPARE(**s->value(kChromium, QStringLiteral("X")), RegValue::fromString(QStringLiteral("y")));
    }

    void malformedJsonIsReportedWithItsLine()
    {
        const QString file = path(QStringLiteral("broken.json"));
        writeBytes(file, "{\n  \"AuthServerAllowlist\": \"a\",\n  \"X\": \n}\n");
        const auto s = openStore(file, {}, true);
        QVERIFY(!s);
        QCOMPARE(s.error().code, Error::Code::InvalidInput);
        QCOMPARE(s.error().location, file + QStringLiteral(":4")); // the '}' where a value belongs
        QVERIFY2(s.error().message.contains(QLatin1String("not valid JSON")), qPrintable(s.error().message));

        writeBytes(file, "[\"a\"]");
        const auto list = openStore(file, {}, true);
        QVERIFY(!list);
        QVERIFY(list.error().message.contains(QLatin1String("one JSON object")));

        writeBytes(path(QStringLiteral("policies.json")), R"({"policies": ["a"]})");
        const auto ff = openStore(path(QStringLiteral("policies.json")), {}, true);
        QVERIFY(!ff);
        QVERIFY(ff.error().message.contains(QLatin1String("\"policies\" must be a JSON object")));
    }

    void missingFileIsCreatedReadableWithItsFolders()
    {
        const QString dir = path(QStringLiteral("etc/chromium/policies/managed"));
        const QString file = dir + QStringLiteral("/sso.json");
        QVERIFY(!openStore(file, {}, false));
        QCOMPARE(openStore(file, {}, false).error().code, Error::Code::NotFound);
        auto s = open(file, {}, true);
        QVERIFY(s);
        QVERIFY(!QFile::exists(file)); // nothing is written before a commit
        QVERIFY(s->commit({ RegOp::set(
            kChromium, QStringLiteral("AuthServerAllowlist"), RegValue::fromString(QStringLiteral("a"))) }));
        QCOMPARE(readJson(file), parse(R"({"AuthServerAllowlist": "a"})"));
        const auto fileMode = QFile::permissions(file);
        QCOMPARE(fileMode
                & (QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup | QFile::WriteGroup
                    | QFile::ReadOther | QFile::WriteOther | QFile::ExeUser),
            QFile::ReadUser | QFile::WriteUser | QFile::ReadGroup | QFile::ReadOther); // 0644
        for (const QString &d :
            { dir, path(QStringLiteral("etc/chromium/policies")), path(QStringLiteral("etc")) })
            QVERIFY2(QFile::permissions(d).testFlag(QFile::ExeOther)
                    && QFile::permissions(d).testFlag(QFile::ReadOther),
                qPrintable(d));

        // An existing file keeps the mode its administrator chose.
        QFile::setPermissions(file, QFile::ReadUser | QFile::WriteUser);
        QVERIFY(s->commit(
            { RegOp::set(kChromium, QStringLiteral("B"), RegValue::fromString(QStringLiteral("b"))) }));
        QCOMPARE(QFile::permissions(file) & (QFile::ReadOther | QFile::ReadGroup), QFile::Permissions());
    }

    void layoutIsKept()
    {
        // One-line files stay one line; an indented file in Qt's layout (sorted members, four
        // spaces) is rewritten byte for byte when its content comes back.
        const QString compact = path(QStringLiteral("compact.json"));
        writeBytes(compact, "{\"A\":\"1\"}\n");
        auto c = open(compact);
        QVERIFY(c);
        QVERIFY(c->commit(
            { RegOp::set(kChromium, QStringLiteral("B"), RegValue::fromString(QStringLiteral("2"))) }));
        QCOMPARE(readBytes(compact), QByteArray("{\"A\":\"1\",\"B\":\"2\"}\n"));
        QVERIFY(c->commit({ RegOp::deleteValue(kChromium, QStringLiteral("B")) }));
        QCOMPARE(readBytes(compact), QByteArray("{\"A\":\"1\"}\n"));

        const QString indented = path(QStringLiteral("indented.json"));
        const QByteArray canonical = "{\n    \"A\": \"1\",\n    \"L\": [\n        \"x\"\n    ]\n}\n";
        writeBytes(indented, canonical);
        auto i = open(indented);
        QVERIFY(i);
        QVERIFY(i->commit(
            { RegOp::set(kChromium, QStringLiteral("B"), RegValue::fromString(QStringLiteral("2"))) }));
        QVERIFY(readBytes(indented) != canonical);
        QVERIFY(i->commit({ RegOp::deleteValue(kChromium, QStringLiteral("B")) }));
        QCOMPARE(readBytes(indented), canonical);

        const QString bom = path(QStringLiteral("bom.json"));
        writeBytes(bom, "\xef\xbb\xbf{\"A\":\"1\"}");
        auto b = open(bom);
        QVERIFY(b);
        QCOMPARE(**b->value(kChromium, QStringLiteral("A")), RegValue::fromString(QStringLiteral("1")));
        QVERIFY(b->commit({}));
        QCOMPARE(readBytes(bom), QByteArray("\xef\xbb\xbf{\"A\":\"1\"}"));
    }
};

QTEST_GUILESS_MAIN(TestJsonStore)
#include "tst_jsonstore.moc"
