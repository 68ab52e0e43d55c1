<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms only (Qt picks "%n change"/"%n changes" from a translation). lupdate does not
     see the C++17 "namespace ssod::ui {" of the sources: keep the contexts as ssod::ui::Class. -->
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>ssod::ui::ApplyPage</name>
        <message numerus="yes">
            <source>Writes %n more changes to %1, on top of what was applied before. This apply gets its own backup; Undo on the next page restores both.</source>
            <translation>
                <numerusform>Writes %n more change to %1, on top of what was applied before. This apply gets its own backup; Undo on the next page restores both.</numerusform>
                <numerusform>Writes %n more changes to %1, on top of what was applied before. This apply gets its own backup; Undo on the next page restores both.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Writes %n changes to %1. The backup is written first; Undo on the next page restores it.</source>
            <translation>
                <numerusform>Writes %n change to %1. The backup is written first; Undo on the next page restores it.</numerusform>
                <numerusform>Writes %n changes to %1. The backup is written first; Undo on the next page restores it.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Applied %n changes and read them back. Backup: %1</source>
            <translation>
                <numerusform>Applied %n change and read it back. Backup: %1</numerusform>
                <numerusform>Applied %n changes and read them back. Backup: %1</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Registry.pol is a binary file (%n bytes). Save it as Machine\Registry.pol of the GPO.</source>
            <translation>
                <numerusform>Registry.pol is a binary file (%n byte). Save it as Machine\Registry.pol of the GPO.</numerusform>
                <numerusform>Registry.pol is a binary file (%n bytes). Save it as Machine\Registry.pol of the GPO.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::RdpInspectorDialog</name>
        <message numerus="yes">
            <source>✔ Nothing to fix; %n notes explain choices the file makes.</source>
            <translation>
                <numerusform>✔ Nothing to fix; %n note explains a choice the file makes.</numerusform>
                <numerusform>✔ Nothing to fix; %n notes explain choices the file makes.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>⚠ %n findings; the corrected copy fixes %1 of them.</source>
            <translation>
                <numerusform>⚠ %n finding; the corrected copy fixes %1 of them.</numerusform>
                <numerusform>⚠ %n findings; the corrected copy fixes %1 of them.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::ReviewPage</name>
        <message numerus="yes">
            <source>%n changes were applied to %1:</source>
            <translation>
                <numerusform>%n change was applied to %1:</numerusform>
                <numerusform>%n changes were applied to %1:</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n changes will be made to %1:</source>
            <translation>
                <numerusform>%n change will be made to %1:</numerusform>
                <numerusform>%n changes will be made to %1:</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::VerifyPage</name>
        <message numerus="yes">
            <source>%n of %1 values are not back to what they were.</source>
            <translation>
                <numerusform>%n of %1 values is not back to what it was.</numerusform>
                <numerusform>%n of %1 values are not back to what they were.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n of %1 values differ from what was written.</source>
            <translation>
                <numerusform>%n of %1 values differs from what was written.</numerusform>
                <numerusform>%n of %1 values differ from what was written.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::SpnApplyPage</name>
        <message numerus="yes">
            <source>Registered %n SPNs on &lt;b&gt;%1&lt;/b&gt;. The Verify page reads them back; Undo there removes exactly these.</source>
            <translation>
                <numerusform>Registered %n SPN on &lt;b&gt;%1&lt;/b&gt;. The Verify page reads it back; Undo there removes exactly this.</numerusform>
                <numerusform>Registered %n SPNs on &lt;b&gt;%1&lt;/b&gt;. The Verify page reads them back; Undo there removes exactly these.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Register %n SPNs on &lt;b&gt;%1&lt;/b&gt; in %2 with one LDAP modification each. If one fails, those before it are taken back.</source>
            <translation>
                <numerusform>Register %n SPN on &lt;b&gt;%1&lt;/b&gt; in %2 with one LDAP modification.</numerusform>
                <numerusform>Register %n SPNs on &lt;b&gt;%1&lt;/b&gt; in %2 with one LDAP modification each. If one fails, those before it are taken back.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::SpnReviewPage</name>
        <message numerus="yes">
            <source>Checking %n SPNs against %1…</source>
            <translation>
                <numerusform>Checking %n SPN against %1…</numerusform>
                <numerusform>Checking %n SPNs against %1…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Not checked against a directory: %n SPNs for &lt;b&gt;%1&lt;/b&gt; will be exported.</source>
            <translation>
                <numerusform>Not checked against a directory: %n SPN for &lt;b&gt;%1&lt;/b&gt; will be exported.</numerusform>
                <numerusform>Not checked against a directory: %n SPNs for &lt;b&gt;%1&lt;/b&gt; will be exported.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n other things would break: read them below before you go on.</source>
            <translation>
                <numerusform>%n other thing would break: read it below before you go on.</numerusform>
                <numerusform>%n other things would break: read them below before you go on.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::SpnVerifyPage</name>
        <message numerus="yes">
            <source>%1 of %n SPNs on the service account and nobody else.</source>
            <translation>
                <numerusform>%1 of %n SPN on the service account and nobody else.</numerusform>
                <numerusform>%1 of %n SPNs on the service account and nobody else.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Removed the %n SPNs this wizard added.</source>
            <translation>
                <numerusform>Removed the %n SPN this wizard added.</numerusform>
                <numerusform>Removed the %n SPNs this wizard added.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::AccountsView</name>
        <message numerus="yes">
            <source>%n accounts found.</source>
            <translation>
                <numerusform>%n account found.</numerusform>
                <numerusform>%n accounts found.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::DirectoryFacts</name>
        <message numerus="yes">
            <source>%1 may act for users towards %n services, listed below.</source>
            <translation>
                <numerusform>%1 may act for users towards %n service, listed below.</numerusform>
                <numerusform>%1 may act for users towards %n services, listed below.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n SIDs in the descriptor match no account (deleted accounts?).</source>
            <translation>
                <numerusform>%n SID in the descriptor matches no account (a deleted account?).</numerusform>
                <numerusform>%n SIDs in the descriptor match no account (deleted accounts?).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::DuplicatesView</name>
        <message numerus="yes">
            <source>%n SPNs held by more than one account: Kerberos to each fails until only one account holds it.</source>
            <translation>
                <numerusform>%n SPN held by more than one account: Kerberos to it fails until only one account holds it.</numerusform>
                <numerusform>%n SPNs held by more than one account: Kerberos to each fails until only one account holds it.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::SpnLookupView</name>
        <message numerus="yes">
            <source>%n SPNs match %1.</source>
            <translation>
                <numerusform>%n SPN matches %1.</numerusform>
                <numerusform>%n SPNs match %1.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::DiagnosePage</name>
        <message numerus="yes">
            <source>Running %n checks…</source>
            <translation>
                <numerusform>Running %n check…</numerusform>
                <numerusform>Running %n checks…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Left out: %n checks that need %1.</source>
            <translation>
                <numerusform>Left out: %n check that needs %1.</numerusform>
                <numerusform>Left out: %n checks that need %1.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n errors</source>
            <translation>
                <numerusform>%n error</numerusform>
                <numerusform>%n errors</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n warnings</source>
            <translation>
                <numerusform>%n warning</numerusform>
                <numerusform>%n warnings</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::KerberosFlowView</name>
        <message numerus="yes">
            <source>%1 — %2 (%n findings)</source>
            <translation>
                <numerusform>%1 — %2 (%n finding)</numerusform>
                <numerusform>%1 — %2 (%n findings)</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::CertificateWizard</name>
        <message numerus="yes">
            <source>Checked in %1 ms: %n errors, see the findings.</source>
            <translation>
                <numerusform>Checked in %1 ms: %n error, see the findings.</numerusform>
                <numerusform>Checked in %1 ms: %n errors, see the findings.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Clients will warn or refuse: %n errors.</source>
            <translation>
                <numerusform>Clients will warn or refuse: %n error.</numerusform>
                <numerusform>Clients will warn or refuse: %n errors.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>No error now (%n before).</source>
            <translation>
                <numerusform>No error now (%n before).</numerusform>
                <numerusform>No error now (%n before).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Still %n errors (%1 before).</source>
            <translation>
                <numerusform>Still %n error (%1 before).</numerusform>
                <numerusform>Still %n errors (%1 before).</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ssod::ui::ServiceChecksDialog</name>
        <message numerus="yes">
            <source>Done: %n errors.</source>
            <translation>
                <numerusform>Done: %n error.</numerusform>
                <numerusform>Done: %n errors.</numerusform>
            </translation>
        </message>
    </context>
</TS>
