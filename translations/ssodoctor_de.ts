<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ExportPreview</name>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="24"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="27"/>
        <source>create key  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="29"/>
        <source>delete key  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="31"/>
        <source>set value   %1 → %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="34"/>
        <source>delete value %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="54"/>
        <source>Registry.pol is a binary file (%1 bytes). It holds these entries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="85"/>
        <source>… %1 more bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="54"/>
        <source>SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="55"/>
        <source>The settings catalog could not be loaded:

%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ApplyPage</name>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="30"/>
        <source>Apply to the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="32"/>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="34"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="35"/>
        <source>&amp;Copy to Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="40"/>
        <source>Step 5 of 6 — Apply the changes or export them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="44"/>
        <source>Backup file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="45"/>
        <source>A .reg file that restores every value exactly as it was; Undo on the next page uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="47"/>
        <source>Apply the changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="48"/>
        <source>&amp;Backup:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="63"/>
        <source>.reg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="64"/>
        <source>.reg (undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="65"/>
        <source>Registry.pol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="66"/>
        <source>PowerShell (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="67"/>
        <source>PowerShell (domain GPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="68"/>
        <source>Group Policy Preferences Registry.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="73"/>
        <source>Export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="75"/>
        <source>Export to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="77"/>
        <source>Copy the export to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="79"/>
        <source>Export preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="85"/>
        <source>Export (for Group Policy, scripts or another computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="86"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="110"/>
        <source>Copied the %1 export to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="128"/>
        <source>%1 already has every value; there is nothing to apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="129"/>
        <source>Writes the %n change(s) to %1. The backup is written first; Undo on the next page restores it.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="147"/>
        <source>Applying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="161"/>
        <source>Nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="167"/>
        <source>Applied %n change(s) and read them back. Backup: %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="182"/>
        <source>This format cannot express the changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="188"/>
        <source>Registry.pol is a binary file (%n byte(s)). Save it as Machine\Registry.pol of the GPO.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="206"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="207"/>
        <source>%1 files (*%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="215"/>
        <source>Could not export to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ApplyPage.cpp" line="219"/>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ComingSoonPage</name>
    <message>
        <location filename="../ui/ComingSoonPage.cpp" line="22"/>
        <source>Not available in this version. The Settings reference and ssodoctor-cli cover the settings these tools will check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ExportPanel</name>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="35"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="35"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="43"/>
        <source>.reg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="43"/>
        <source>A registry file to import with regedit or &quot;reg import&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="44"/>
        <source>.reg (undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="45"/>
        <source>A registry file that removes what the .reg export sets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="46"/>
        <source>Registry.pol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="47"/>
        <source>The binary policy file of a GPO (Machine\Registry.pol).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="48"/>
        <source>PowerShell (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="49"/>
        <source>A script that sets the values on the machine it runs on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="50"/>
        <source>PowerShell (GPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="51"/>
        <source>A script that writes the values into a domain GPO with Set-GPRegistryValue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="52"/>
        <source>GPP Registry.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="52"/>
        <source>Group Policy Preferences registry items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="59"/>
        <source>Export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="61"/>
        <source>GPO name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="63"/>
        <source>The Group Policy Object the PowerShell (GPO) script writes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="68"/>
        <source>Export preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="74"/>
        <source>The file to export appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="76"/>
        <source>Copy preview to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="77"/>
        <source>Copy the preview text to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="79"/>
        <source>Export to file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="80"/>
        <source>Save the export to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="82"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="84"/>
        <source>&amp;GPO name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="95"/>
        <source>Compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="97"/>
        <source>an empty registry (the export sets every value)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="98"/>
        <source>The target&apos;s current registry: an offline hive (SOFTWARE, SYSTEM, NTUSER.DAT), a .reg export or a GPO&apos;s Registry.pol. The export then changes only what differs, and list settings keep the entries already there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="102"/>
        <source>Choose the registry to compare with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="104"/>
        <source>Compare with an empty registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="106"/>
        <source>Compare &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="134"/>
        <source>Copied the preview to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="208"/>
        <location filename="../ui/settings/ExportPanel.cpp" line="256"/>
        <location filename="../ui/settings/ExportPanel.cpp" line="314"/>
        <source>Select a setting, or tick several, to export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="300"/>
        <source>Compare with Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="301"/>
        <source>Registry files (*.reg *.pol SOFTWARE SYSTEM NTUSER.DAT);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="307"/>
        <source>Cannot Read Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="307"/>
        <source>Could not read %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="313"/>
        <source>Nothing to Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="186"/>
        <source>Enter the name of the GPO the script should write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="32"/>
        <source>C&amp;hoose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="32"/>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="214"/>
        <source>⚠ Cannot export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="222"/>
        <source>Exports the ticked settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="225"/>
        <source>Exports the selected setting %1. Tick settings in the list to export several at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="318"/>
        <source>%1 files (*%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="320"/>
        <source>Export Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="328"/>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="328"/>
        <source>Could not export to %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="332"/>
        <source>Exported as %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="26"/>
        <source>SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="28"/>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <source>Settings reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="36"/>
        <location filename="../ui/MainWindow.cpp" line="37"/>
        <source>Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="38"/>
        <source>Probes for DNS, ports, Kerberos tickets, clock skew, TLS and RDP security, each with the evidence it found and a proposed fix; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="53"/>
        <source>Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="54"/>
        <location filename="../ui/MainWindow.cpp" line="55"/>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="56"/>
        <source>Checks of service principal names (SPNs), duplicates and delegation in Active Directory; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="60"/>
        <location filename="../ui/MainWindow.cpp" line="61"/>
        <source>Bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="62"/>
        <source>Diagnostic bundles: findings, the settings involved and their evidence in one file to attach to a support ticket; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="82"/>
        <source>%1 settings loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="100"/>
        <source>Arrives in a later release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="125"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>&amp;Export Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="134"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="139"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="140"/>
        <source>&amp;About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="147"/>
        <source>About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="148"/>
        <source>&lt;h3&gt;SSO Doctor %1&lt;/h3&gt;&lt;p&gt;Finds out why Windows single sign-on (Kerberos, CredSSP, Remote Desktop) does not work, and exports the registry and Group Policy settings that fix it.&lt;/p&gt;&lt;p&gt;The settings reference describes %2 settings: what each one does, why, its risk, registry location and Group Policy path.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::OptionsPage</name>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="32"/>
        <source>Step 3 of 6 — Choose what to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="168"/>
        <source>Check an .rdp file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="169"/>
        <source>optional: the .rdp file users open, to check it would not still prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="170"/>
        <source>Check an .rdp &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="172"/>
        <source>Choose an .rdp file to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="177"/>
        <source>&amp;Connection file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="187"/>
        <source>Check .rdp File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="188"/>
        <source>Remote Desktop files (*.rdp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="220"/>
        <source>⚠ Cannot check the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="224"/>
        <source>✔ Nothing in this file would prompt for credentials or block single sign-on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/OptionsPage.cpp" line="227"/>
        <source>⚠ Even with the policy, this file would still get in the way:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ProblemPage</name>
    <message>
        <location filename="../ui/wizards/pages/ProblemPage.cpp" line="15"/>
        <source>Step 1 of 6 — Is this your problem?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ProblemPage.cpp" line="23"/>
        <source>What you see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ProblemPage.cpp" line="25"/>
        <source>Why it happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ProblemPage.cpp" line="27"/>
        <source>When this is the wrong wizard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::RdpInspectorDialog</name>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="30"/>
        <source>✖ Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="32"/>
        <source>⚠ Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="36"/>
        <source>ℹ Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="79"/>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="81"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="79"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="79"/>
        <source>What it means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="80"/>
        <source>Authentication settings in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="81"/>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="81"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="81"/>
        <source>Fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="82"/>
        <source>Findings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="83"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="84"/>
        <source>&amp;Save Corrected Copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="87"/>
        <source>Remote Desktop File Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="96"/>
        <source>Open the .rdp file users start (from the desktop, RD Web or an e-mail) to see what it asks the Remote Desktop client to do.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="103"/>
        <source>Finding details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="104"/>
        <source>Select a finding to read why it matters and how it is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="106"/>
        <source>Open an .rdp file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="108"/>
        <source>Save a corrected copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="109"/>
        <source>Writes a copy with every automatic fix applied; the original file is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="127"/>
        <source>&lt;b&gt;Authentication settings&lt;/b&gt; (grey: not in the file, the default applies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="132"/>
        <source>&lt;b&gt;Findings&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="157"/>
        <source>The .rdp rules could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="172"/>
        <source>⚠ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="178"/>
        <source>the .rdp rules are not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="192"/>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="200"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="199"/>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="199"/>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="214"/>
        <source>no automatic fix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="216"/>
        <source>set %1 to %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="216"/>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="218"/>
        <source>(corrected copy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="216"/>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="218"/>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="257"/>
        <source>(suggested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="218"/>
        <source>remove %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="230"/>
        <source>✔ Nothing in this file defeats single sign-on or weakens security.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="232"/>
        <source>✔ Nothing to fix; %n note(s) explain choices the file makes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="234"/>
        <source>⚠ %n finding(s); the corrected copy fixes %1 of them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="248"/>
        <source>&lt;p&gt;&lt;b&gt;In the file:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="250"/>
        <source>%1 is not set (the default applies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="252"/>
        <source>&lt;p&gt;&lt;b&gt;Fix:&lt;/b&gt; set %1 to %2 %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="254"/>
        <source>(the corrected copy writes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="254"/>
        <source>(suggested; check it fits your estate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="256"/>
        <source>&lt;p&gt;&lt;b&gt;Fix:&lt;/b&gt; remove %1 %2&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="257"/>
        <source>(the corrected copy removes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="259"/>
        <source>&lt;p&gt;&lt;b&gt;Source:&lt;/b&gt; %1&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="271"/>
        <source>open an .rdp file first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="273"/>
        <source>choose another file name: the original stays as it is so you can compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="282"/>
        <source>Open Remote Desktop File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="284"/>
        <source>Remote Desktop files (*.rdp);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="292"/>
        <source>-corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="293"/>
        <source>Save Corrected Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="294"/>
        <source>Remote Desktop files (*.rdp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="299"/>
        <source>Could Not Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="299"/>
        <source>Could not write %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/rdp/RdpInspectorDialog.cpp" line="301"/>
        <source>✔ Wrote the corrected copy to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ReviewPage</name>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="22"/>
        <source>Step 4 of 6 — Review the changes before anything is written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="24"/>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="61"/>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <source>Registry key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="26"/>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="55"/>
        <source>Create key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="57"/>
        <source>Remove key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="59"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="61"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="103"/>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="107"/>
        <source>(Default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="126"/>
        <source>Already compliant: nothing to change. The target already has every value this wizard sets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="128"/>
        <source>%n change(s) will be made to %1:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="129"/>
        <source>the export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="135"/>
        <source>&lt;b&gt;⚠ Before you continue:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/ReviewPage.cpp" line="140"/>
        <source>&lt;b&gt;Not in this target:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingDetailsView</name>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="67"/>
        <source>Settings reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="68"/>
        <source>Every registry and Group Policy setting SSO Doctor knows: what it does, why you would change it, what it risks and where it lives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="70"/>
        <source>Search by title, id, registry key or Group Policy path (Ctrl+F).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="71"/>
        <source>Select a setting to read about it and choose its value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="72"/>
        <source>Tick several settings to export them together as .reg, Registry.pol, PowerShell or GPP Registry.xml.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="91"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="92"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="93"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="95"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="99"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="100"/>
        <source>Group Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="102"/>
        <source>No Group Policy setting; registry only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="105"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="105"/>
        <source>Takes effect after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="108"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="110"/>
        <source>Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="119"/>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="135"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="144"/>
        <source>A comma-separated list; each item: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="149"/>
        <source>A whole number from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="151"/>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="154"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingValueEditor</name>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="46"/>
        <source>This setting takes no value: exporting it writes the values listed under Registry in the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="48"/>
        <source>Value error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="49"/>
        <source>Value warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="95"/>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="95"/>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="105"/>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="121"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="112"/>
        <source>Comma-separated, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="113"/>
        <source>A whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="116"/>
        <source>Each item: %1. Separate items with commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="117"/>
        <source>From %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="119"/>
        <source>Default: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingsModel</name>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="116"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="118"/>
        <source>Category %1, %2 settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="149"/>
        <source>Both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="206"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="208"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="210"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="212"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="242"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="244"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="246"/>
        <source>Client and server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="253"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="255"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="257"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingsReferencePage</name>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="93"/>
        <source>Search settings, registry keys, GPO paths…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="94"/>
        <source>Search settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="97"/>
        <source>Matches ids, titles, categories, summaries, registry locations and Group Policy paths (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="106"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="125"/>
        <source>&amp;Untick All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="127"/>
        <source>Untick all settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="146"/>
        <source>Setting details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="153"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="159"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="191"/>
        <source>%1 settings. Tick several to export them together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="193"/>
        <source>No setting matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="195"/>
        <source>%1 of %2 settings match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="224"/>
        <source>No settings ticked: the export covers the selected setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="225"/>
        <source>Ticked for export: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingsWizard</name>
    <message>
        <location filename="../ui/wizards/SettingsWizard.cpp" line="33"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SettingsWizard.cpp" line="34"/>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SettingsWizard.cpp" line="35"/>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SettingsWizard.cpp" line="36"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SpnListEditor</name>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="15"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="15"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="16"/>
        <source>&amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="16"/>
        <source>Do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="20"/>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="22"/>
        <source>Selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="23"/>
        <source>Select a row to edit it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="25"/>
        <source>Add an entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="27"/>
        <source>Remove the selected entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="29"/>
        <source>Move the selected entry up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="31"/>
        <source>Move the selected entry down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="39"/>
        <source>&amp;Entry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="95"/>
        <source>Quick add:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="100"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="101"/>
        <source>Adds a row &quot;%1&quot;; replace the placeholder part with your names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="184"/>
        <source>the row is empty; type an entry or remove the row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="191"/>
        <source>Row %1 (%2): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/SpnListEditor.cpp" line="191"/>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::TargetPage</name>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="31"/>
        <source>This computer&apos;s registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="33"/>
        <source>An offline hive file (SOFTWARE or SYSTEM of another Windows installation)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="35"/>
        <source>A .reg file (to import later with regedit or &quot;reg import&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="37"/>
        <source>A Registry.pol file (a GPO&apos;s Machine\Registry.pol)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="39"/>
        <source>A browser policy file (JSON: Chrome/Chromium managed policy, Firefox policies.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="41"/>
        <source>Export only (choose a format at the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="50"/>
        <source>The hive must exist. It is typically Windows\System32\config\SOFTWARE or SYSTEM of a Windows installation that is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="54"/>
        <source>A file that does not exist yet is created when you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="56"/>
        <source>For example /etc/opt/chrome/policies/managed/sso.json, /etc/chromium/policies/managed/sso.json or /etc/firefox/policies/policies.json. A file that does not exist yet is created when you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="68"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="73"/>
        <source>Step 2 of 6 — Where should the change go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="88"/>
        <source>Target file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="91"/>
        <source>Choose the target file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="96"/>
        <source>&amp;File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="150"/>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="169"/>
        <source>Cannot use %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="175"/>
        <source>Nothing is read or written; the changes are compared with an empty registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="177"/>
        <source>✔ %1 does not exist yet; it will be created when you apply.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="179"/>
        <source>✔ Read %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="192"/>
        <source>Registry hives (SOFTWARE SYSTEM NTUSER.DAT);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="193"/>
        <source>Registry files (*.reg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="194"/>
        <source>Registry.pol (*.pol);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="195"/>
        <source>Policy files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="199"/>
        <source>Choose Hive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/TargetPage.cpp" line="200"/>
        <source>Choose Target File</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::VerifyPage</name>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="23"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="29"/>
        <source>Step 6 of 6 — Check the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="31"/>
        <source>Values read back from the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="33"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="33"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="33"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="33"/>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="42"/>
        <source>Undo: restore the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="46"/>
        <source>&lt;b&gt;On the computer:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="72"/>
        <source>Nothing was written: this wizard ran in export-only mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="77"/>
        <source>The target was already compliant; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="78"/>
        <source>Nothing was applied; use the export instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="88"/>
        <source>Reading the target back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="97"/>
        <source>Could not read the target back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="114"/>
        <source>key exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="114"/>
        <source>key absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="115"/>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="116"/>
        <source>✔ Restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="116"/>
        <source>✔ As planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="117"/>
        <source>✖ Differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="119"/>
        <source>(Default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="134"/>
        <source>Undone: every value is back to what it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="135"/>
        <source>%1 of %2 values are not back to what they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="138"/>
        <source>Verified: %1 holds every value this wizard set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="139"/>
        <source>%1 of %2 values differ from what was applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="149"/>
        <source>Restoring the backup…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="158"/>
        <source>Undo failed; the target was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/pages/VerifyPage.cpp" line="165"/>
        <source>Restored from %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::WizardScreenshots</name>
    <message>
        <location filename="../ui/wizards/WizardScreenshots.cpp" line="55"/>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardScreenshots.cpp" line="78"/>
        <source>cannot write the demo file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardScreenshots.cpp" line="104"/>
        <source>a wizard page did not finish its work in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardScreenshots.cpp" line="123"/>
        <source>cannot write the demo target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardScreenshots.cpp" line="165"/>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::WizardsPage</name>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="16"/>
        <source>Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="21"/>
        <source>Each wizard fixes one problem. It explains the problem, reads the target&apos;s current settings, shows what would change, applies it with a backup or exports it for Group Policy, and checks the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="38"/>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="40"/>
        <source>Start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="53"/>
        <source>&lt;b&gt;Inspect a Remote Desktop (.rdp) file&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="54"/>
        <source>Lists the file&apos;s sign-in settings in plain words, flags those that still prompt or weaken security, and writes a corrected copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="58"/>
        <source>Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="60"/>
        <source>Inspect a Remote Desktop file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/wizards/WizardsPage.cpp" line="77"/>
        <source>⚠ The wizards could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
