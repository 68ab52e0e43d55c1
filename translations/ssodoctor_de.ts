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
        <location filename="../app/gui/main.cpp" line="48"/>
        <source>SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="49"/>
        <source>The settings catalog could not be loaded:

%1</source>
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
        <location filename="../ui/settings/ExportPanel.cpp" line="32"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="32"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="40"/>
        <source>.reg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="40"/>
        <source>A registry file to import with regedit or &quot;reg import&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="41"/>
        <source>.reg (undo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="42"/>
        <source>A registry file that removes what the .reg export sets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="43"/>
        <source>Registry.pol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="44"/>
        <source>The binary policy file of a GPO (Machine\Registry.pol).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="45"/>
        <source>PowerShell (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="46"/>
        <source>A script that sets the values on the machine it runs on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="47"/>
        <source>PowerShell (GPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="48"/>
        <source>A script that writes the values into a domain GPO with Set-GPRegistryValue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="49"/>
        <source>GPP Registry.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="49"/>
        <source>Group Policy Preferences registry items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="56"/>
        <source>Export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="58"/>
        <source>GPO name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="60"/>
        <source>The Group Policy Object the PowerShell (GPO) script writes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="65"/>
        <source>Export preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="71"/>
        <source>The file to export appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="73"/>
        <source>Copy preview to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="74"/>
        <source>Copy the preview text to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="76"/>
        <source>Export to file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="77"/>
        <source>Save the export to a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="79"/>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="81"/>
        <source>&amp;GPO name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="110"/>
        <source>Copied the preview to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="182"/>
        <location filename="../ui/settings/ExportPanel.cpp" line="230"/>
        <location filename="../ui/settings/ExportPanel.cpp" line="252"/>
        <source>Select a setting, or tick several, to export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="251"/>
        <source>Nothing to Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="160"/>
        <source>Enter the name of the GPO the script should write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="188"/>
        <source>⚠ Cannot export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="196"/>
        <source>Exports the ticked settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="199"/>
        <source>Exports the selected setting %1. Tick settings in the list to export several at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="256"/>
        <source>%1 files (*%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="258"/>
        <source>Export Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="266"/>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="266"/>
        <source>Could not export to %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="270"/>
        <source>Exported as %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="23"/>
        <source>SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="25"/>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="32"/>
        <source>Settings reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="33"/>
        <location filename="../ui/MainWindow.cpp" line="34"/>
        <source>Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <source>Probes for DNS, ports, Kerberos tickets, clock skew, TLS and RDP security, each with the evidence it found and a proposed fix; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="39"/>
        <location filename="../ui/MainWindow.cpp" line="40"/>
        <source>Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="41"/>
        <source>Step-by-step set-ups for single sign-on scenarios such as Remote Desktop with Kerberos, ending in a preview of the registry changes to export or apply; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="46"/>
        <location filename="../ui/MainWindow.cpp" line="47"/>
        <source>Directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="48"/>
        <source>Checks of service principal names (SPNs), duplicates and delegation in Active Directory; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="52"/>
        <location filename="../ui/MainWindow.cpp" line="53"/>
        <source>Bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="54"/>
        <source>Diagnostic bundles: findings, the settings involved and their evidence in one file to attach to a support ticket; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>%1 settings loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="92"/>
        <source>Arrives in a later release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="104"/>
        <source>&amp;Export Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="112"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="117"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="118"/>
        <source>&amp;About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="125"/>
        <source>About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="126"/>
        <source>&lt;h3&gt;SSO Doctor %1&lt;/h3&gt;&lt;p&gt;Finds out why Windows single sign-on (Kerberos, CredSSP, Remote Desktop) does not work, and exports the registry and Group Policy settings that fix it.&lt;/p&gt;&lt;p&gt;The settings reference describes %2 settings: what each one does, why, its risk, registry location and Group Policy path.&lt;/p&gt;</source>
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
</TS>
