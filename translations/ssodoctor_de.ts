<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ExportPreview</name>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="23"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="26"/>
        <source>create key  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="28"/>
        <source>delete key  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="30"/>
        <source>set value   %1 → %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="32"/>
        <source>delete value %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="50"/>
        <source>Registry.pol is a binary file (%1 bytes). It holds these entries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPreview.cpp" line="79"/>
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
        <location filename="../ui/ComingSoonPage.cpp" line="20"/>
        <source>Not available in this version. The Settings reference and ssodoctor-cli cover the settings these tools will check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::ExportPanel</name>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="34"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="35"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="44"/>
        <source>.reg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="44"/>
        <source>A registry file to import with regedit or &quot;reg import&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="45"/>
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
        <location filename="../ui/settings/ExportPanel.cpp" line="46"/>
        <source>The binary policy file of a GPO (Machine\Registry.pol).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="47"/>
        <source>PowerShell (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="47"/>
        <source>A script that sets the values on the machine it runs on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="48"/>
        <source>PowerShell (GPO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="49"/>
        <source>A script that writes the values into a domain GPO with Set-GPRegistryValue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="50"/>
        <source>GPP Registry.xml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="50"/>
        <source>Group Policy Preferences registry items.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="57"/>
        <source>Export format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="59"/>
        <source>GPO name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="61"/>
        <source>The Group Policy Object the PowerShell (GPO) script writes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="66"/>
        <source>Export preview</source>
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
        <location filename="../ui/settings/ExportPanel.cpp" line="105"/>
        <source>Copied the preview to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="109"/>
        <source>Select a setting, or tick several, to export them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="147"/>
        <source>Enter the name of the GPO the script should write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="169"/>
        <source>⚠ Cannot export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="177"/>
        <source>Exports the ticked settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="179"/>
        <source>Exports the selected setting %1. Tick settings in the list to export several at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="229"/>
        <source>Nothing to export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="233"/>
        <source>%1 files (*%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="234"/>
        <source>Export Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="243"/>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="243"/>
        <source>Could not export to %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/ExportPanel.cpp" line="246"/>
        <source>Exported as %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="25"/>
        <source>SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="27"/>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="34"/>
        <source>Settings reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="35"/>
        <location filename="../ui/MainWindow.cpp" line="36"/>
        <source>Diagnose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="37"/>
        <source>Probes for DNS, ports, Kerberos tickets, clock skew, TLS and RDP security, each with the evidence it found and a proposed fix; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="40"/>
        <location filename="../ui/MainWindow.cpp" line="41"/>
        <source>Wizards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="42"/>
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
        <location filename="../ui/MainWindow.cpp" line="51"/>
        <location filename="../ui/MainWindow.cpp" line="52"/>
        <source>Bundles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="53"/>
        <source>Diagnostic bundles: findings, the settings involved and their evidence in one file to attach to a support ticket; arrives in a later release.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="72"/>
        <source>%1 settings loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="95"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="96"/>
        <source>&amp;Export Selected…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="104"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>&amp;About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="118"/>
        <source>About SSO Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="119"/>
        <source>&lt;h3&gt;SSO Doctor %1&lt;/h3&gt;&lt;p&gt;Finds out why Windows single sign-on (Kerberos, CredSSP, Remote Desktop) does not work, and exports the registry and Group Policy settings that fix it.&lt;/p&gt;&lt;p&gt;The settings reference describes %2 settings: what each one does, why, its risk, registry location and Group Policy path.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingDetailsView</name>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="61"/>
        <source>Select a setting to see why it matters, where it lives in the registry, its Group Policy path and how to set it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="80"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="81"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="82"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="84"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="87"/>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="88"/>
        <source>Group Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="89"/>
        <source>No Group Policy setting; registry only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="92"/>
        <source>Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="92"/>
        <source>Takes effect after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="95"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="96"/>
        <source>Registry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="104"/>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="120"/>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="129"/>
        <source>A comma-separated list; each item: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="132"/>
        <source>A whole number from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="134"/>
        <source>Default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingDetailsView.cpp" line="137"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingValueEditor</name>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="47"/>
        <source>This setting takes no value: exporting it writes the registry values shown above.</source>
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
        <location filename="../ui/settings/SettingValueEditor.cpp" line="89"/>
        <source>%1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="89"/>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="97"/>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="108"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="104"/>
        <source>Comma-separated, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingValueEditor.cpp" line="105"/>
        <source>A whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingsModel</name>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="119"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="121"/>
        <source>Category %1, %2 settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="201"/>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="203"/>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="205"/>
        <source>Applies to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="207"/>
        <source>Risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="237"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="239"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="241"/>
        <source>Client and server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="248"/>
        <source>Low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="250"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsModel.cpp" line="252"/>
        <source>High</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ssod::ui::SettingsReferencePage</name>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="84"/>
        <source>Search settings, registry keys, GPO paths…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="85"/>
        <source>Search settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="87"/>
        <source>Matches ids, titles, categories, summaries, registry locations and Group Policy paths (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="96"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="111"/>
        <source>&amp;Untick All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="113"/>
        <source>Untick all settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="132"/>
        <source>Setting details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="134"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="139"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="179"/>
        <source>%1 settings. Tick several to export them together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="181"/>
        <source>No setting matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="183"/>
        <source>%1 of %2 settings match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="208"/>
        <source>No settings ticked: the export covers the selected setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="209"/>
        <source>Ticked for export: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/settings/SettingsReferencePage.cpp" line="220"/>
        <source>Select a setting, or tick several, to export them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
