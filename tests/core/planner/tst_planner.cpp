// diff(current, desired) as a pure function: the current state is an in-memory tree here; the
// stores have their own tests, and the CLI tests run the same logic against real files and hives.
#include "core/catalog/Catalog.h"
#include "core/catalog/SettingRequest.h"
#include "core/registry/Planner.h"
#include "core/registry/RegPath.h"

#include <QTest>

using namespace ssod::core;
using namespace ssod::core::registry;

namespace {

class MemoryStore final : public RegistryStore
{
public:
    RegTree tree;
    QString only; ///< when set, the store holds only keys below this one
    StoreKind kind() const override { return StoreKind::Memory; }
    QString description() const override { return QStringLiteral("memory"); }
    QString filePath() const override { return {}; }
    bool covers(const QString &k) const override { return only.isEmpty() || path::isWithin(k, only); }
    QString scope() const override { return {}; }
    Result<bool> keyExists(const QString &k) const override { return tree.keyExists(k); }
    Result<std::optional<RegValue>> value(const QString &k, const QString &n) const override { return tree.value(k, n); }
    Result<QStringList> valueNames(const QString &k) const override { return tree.valueNames(k); }
    Result<QStringList> subkeyNames(const QString &k) const override { return tree.subkeyNames(k); }
    Result<void> commit(const RegOps &ops) override
    {
        for (const RegOp &op : ops) {
            switch (op.kind) {
            case RegOp::Kind::CreateKey: tree.ensureKey(op.key); break;
            case RegOp::Kind::SetValue: tree.setValue(op.key, op.name, *op.value); break;
            case RegOp::Kind::DeleteValue: tree.removeEntry(op.key, op.name); break;
            case RegOp::Kind::DeleteKey: tree.removeSubtree(op.key); break;
            }
        }
        return {};
    }
};

const QString kLsa = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa");
const QString kProviders = QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders");
const QString kCd = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CredentialsDelegation");

} // namespace

class TestPlanner final : public QObject
{
    Q_OBJECT

    catalog::Catalog m_catalog;

    Edits editsFor(const QStringList &specs)
    {
        Edits all;
        for (const QString &spec : specs) {
            auto r = catalog::parseSpec(m_catalog, spec);
            if (!r)
                qFatal("%s", qPrintable(r.error().toString()));
            all += *catalog::resolveEdits(*r);
        }
        return all;
    }

    ChangeSet plan(const RegistryStore *store, const QStringList &specs)
    {
        auto cs = diff(store, editsFor(specs));
        if (!cs)
            qFatal("%s", qPrintable(cs.error().toString()));
        return *cs;
    }

private slots:
    void initTestCase() { m_catalog = *catalog::Catalog::loadBuiltin(); }

    void emptyRegistry()
    {
        const ChangeSet cs = plan(nullptr, {QStringLiteral("certs.disable-root-auto-update")});
        QCOMPARE(cs.changes.size(), 2);
        QCOMPARE(cs.changes[0].action, Change::Action::CreateKey);
        QCOMPARE(cs.changes[1].action, Change::Action::SetValue);
        QCOMPARE(cs.changes[1].name, QStringLiteral("DisableRootAutoUpdate"));
        QVERIFY(!cs.changes[1].before);
        QCOMPARE(*cs.changes[1].after, RegValue::fromDword(1));
        QCOMPARE(cs.changes[1].settingId, QStringLiteral("certs.disable-root-auto-update"));
    }

    void xpEnableKeepsExistingItems()
    {
        MemoryStore s;
        s.tree.setValue(kLsa, QStringLiteral("Security Packages"),
                        RegValue::fromMultiString({QStringLiteral("kerberos"), QStringLiteral("msv1_0"), QStringLiteral("schannel")}));
        s.tree.setValue(kProviders, QStringLiteral("SecurityProviders"),
                        RegValue::fromString(QStringLiteral("msapsspc.dll, schannel.dll, digest.dll, msnsspc.dll")));
        const ChangeSet cs = plan(&s, {QStringLiteral("credssp.xp-enable")});
        QCOMPARE(cs.changes.size(), 2);
        QCOMPARE(cs.changes[0].after->toMultiString(),
                 (QStringList{QStringLiteral("kerberos"), QStringLiteral("msv1_0"), QStringLiteral("schannel"), QStringLiteral("tspkg")}));
        // KB951608: append ", credssp.dll" to the existing comma list.
        QCOMPARE(cs.changes[1].after->toString(), QStringLiteral("msapsspc.dll, schannel.dll, digest.dll, msnsspc.dll, credssp.dll"));
        QCOMPARE(cs.changes[1].after->type(), 1u);

        QVERIFY(s.commit(cs.toOps()));
        QVERIFY(plan(&s, {QStringLiteral("credssp.xp-enable")}).isCompliant());
        // Case-insensitive: "TSPKG" already there counts as present.
        s.tree.setValue(kLsa, QStringLiteral("Security Packages"), RegValue::fromMultiString({QStringLiteral("TSPKG")}));
        QCOMPARE(plan(&s, {QStringLiteral("credssp.xp-enable")}).changes.size(), 0);
    }

    void numberedListAppendsWithoutDuplicates()
    {
        MemoryStore s;
        const QString list = kCd + QStringLiteral("\\AllowDefaultCredentials");
        s.tree.setValue(kCd, QStringLiteral("AllowDefaultCredentials"), RegValue::fromDword(1));
        s.tree.setValue(kCd, QStringLiteral("ConcatenateDefaults_AllowDefault"), RegValue::fromDword(1));
        s.tree.setValue(list, QStringLiteral("1"), RegValue::fromString(QStringLiteral("TERMSRV/a.contoso.com")));
        s.tree.setValue(list, QStringLiteral("2"), RegValue::fromString(QStringLiteral("TERMSRV/b.contoso.com")));
        const ChangeSet cs = plan(&s, {QStringLiteral("delegation.default-credentials=termsrv/A.contoso.com,TERMSRV/*.contoso.com")});
        QCOMPARE(cs.changes.size(), 1);
        QCOMPARE(cs.changes[0].key, list);
        QCOMPARE(cs.changes[0].name, QStringLiteral("3"));
        QCOMPARE(cs.changes[0].after->toString(), QStringLiteral("TERMSRV/*.contoso.com"));
        QVERIFY(s.commit(cs.toOps()));
        QVERIFY(plan(&s, {QStringLiteral("delegation.default-credentials=TERMSRV/*.contoso.com")}).isCompliant());
    }

    void numberedListRemovalRenumbers()
    {
        MemoryStore s;
        const QString list = kCd + QStringLiteral("\\AllowDefaultCredentials");
        for (int i = 1; i <= 3; ++i)
            s.tree.setValue(list, QString::number(i), RegValue::fromString(QStringLiteral("TERMSRV/h%1").arg(i)));
        Edit e;
        e.op = Edit::Op::NumberedListItem;
        e.key = list;
        e.item = QStringLiteral("TERMSRV/h1");
        e.present = false;
        auto cs = diff(&s, {e});
        QVERIFY(cs);
        QVERIFY(s.commit(cs->toOps()));
        QCOMPARE(s.tree.valueNames(list), (QStringList{QStringLiteral("1"), QStringLiteral("2")}));
        QCOMPARE(s.tree.value(list, QStringLiteral("1"))->toString(), QStringLiteral("TERMSRV/h2"));
        QCOMPARE(s.tree.value(list, QStringLiteral("2"))->toString(), QStringLiteral("TERMSRV/h3"));
    }

    void repeatedWritesFold()
    {
        const ChangeSet cs = plan(nullptr, {QStringLiteral("rdp.nla=off"), QStringLiteral("rdp.nla=on")});
        int sets = 0;
        for (const Change &c : cs.changes)
            sets += c.action == Change::Action::SetValue;
        QCOMPARE(sets, 1);
        MemoryStore s;
        s.tree.setValue(QStringLiteral("HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp"),
                        QStringLiteral("UserAuthentication"), RegValue::fromDword(1));
        // off then on again = no change at all against a host that has NLA on.
        QVERIFY(plan(&s, {QStringLiteral("rdp.nla=off"), QStringLiteral("rdp.nla=on")}).isCompliant());
    }

    void wrongTypeIsReplaced()
    {
        MemoryStore s;
        const QString key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot");
        s.tree.setValue(key, QStringLiteral("DisableRootAutoUpdate"), RegValue::fromString(QStringLiteral("1")));
        const ChangeSet cs = plan(&s, {QStringLiteral("certs.disable-root-auto-update")});
        QCOMPARE(cs.changes.size(), 1); // REG_SZ "1" is not DWORD 1
        QCOMPARE(cs.changes[0].before->type(), 1u);
    }

    void undoOpsRestore()
    {
        MemoryStore s;
        s.tree.setValue(kLsa, QStringLiteral("Security Packages"), RegValue::fromMultiString({QStringLiteral("kerberos")}));
        const RegTree before = s.tree;
        const ChangeSet cs = plan(&s, {QStringLiteral("credssp.xp-enable"), QStringLiteral("delegation.default-credentials=TERMSRV/*")});
        QVERIFY(s.commit(cs.toOps()));
        QVERIFY(s.tree.keyExists(kCd));
        QVERIFY(s.commit(cs.toUndoOps()));
        QVERIFY(!s.tree.keyExists(kCd));
        QVERIFY(!s.tree.value(kProviders, QStringLiteral("SecurityProviders")));
        QCOMPARE(*s.tree.value(kLsa, QStringLiteral("Security Packages")), *before.value(kLsa, QStringLiteral("Security Packages")));
    }

    void optionalEditsOutsideTheTargetAreSkipped()
    {
        MemoryStore s;
        s.only = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Chromium");
        Edit chromium;
        chromium.key = s.only;
        chromium.name = QStringLiteral("AuthServerAllowlist");
        chromium.value = RegValue::fromString(QStringLiteral("*.lab.test"));
        chromium.optional = true;
        chromium.settingId = QStringLiteral("browser.negotiate-allowlist");
        Edit chrome = chromium;
        chrome.key = QStringLiteral("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome");
        auto cs = diff(&s, {chrome, chromium});
        QVERIFY(cs);
        QCOMPARE(cs->changes.size(), 2); // create key + the Chromium value; Chrome's half skipped
        QCOMPARE(cs->changes[1].key, s.only);
        // Only the part the target cannot hold: an error that names the setting.
        auto none = diff(&s, {chrome});
        QVERIFY(!none);
        QVERIFY(none.error().message.contains(QStringLiteral("browser.negotiate-allowlist has nothing")));
        // A non-optional edit outside the target stays an error.
        chrome.optional = false;
        QVERIFY(!diff(&s, {chrome, chromium}));
    }

    void instructionsReplay()
    {
        MemoryStore s;
        s.tree.setValue(kCd, QStringLiteral("A"), RegValue::fromDword(1));
        RegTree instr;
        instr.deleteValueInstruction(kCd, QStringLiteral("A"));
        instr.setValue(kCd, QStringLiteral("B"), RegValue::fromDword(2));
        auto cs = diffInstructions(&s, instr);
        QVERIFY(cs);
        QCOMPARE(cs->changes.size(), 2);
        QCOMPARE(cs->changes[0].action, Change::Action::DeleteValue);
        QCOMPARE(cs->changes[1].action, Change::Action::SetValue);
    }
};

QTEST_GUILESS_MAIN(TestPlanner)
#include "tst_planner.moc"
