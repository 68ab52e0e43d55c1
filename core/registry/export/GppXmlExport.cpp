// gpp-xml export: Group Policy Preferences registry items ([MS-GPPREF] §2.2.1.17, FACTS.md §2.5).
//
// Item shapes, from [MS-GPPREF] §2.2.1.17.1 where it says so and from GPMC-written files otherwise:
//  - SetValue → action U (update: creates the key/value when missing, touches nothing else);
//  - DeleteValue → action D with the value's name (and its old type, which GPMC also records);
//  - CreateKey → action U key-only item, DeleteKey → action D key-only item (the spec's Delete
//    removes the key "and all of its values and subkeys"). Key-only means an empty name; the spec
//    says type and value stay blank, GPMC's own cmdlet writes type="REG_SZ" value="", so do we;
//  - default="1" with name="" targets the unnamed value (spec);
//  - REG_MULTI_SZ: value holds the items joined by spaces and a <Values><Value>… child lists them
//    one by one (how GPMC writes it; the spec's attribute table does not cover it);
//  - DWORD 8 and QWORD 16 upper-case hex digits, binary as upper-case hex without separators.
// The image attribute only picks GPMC's icon. Observed values: 7 = update string, 12 = update
// DWORD, 17 = update binary; we extend that as base (key 0, string 5, number 10, binary 15) plus
// the action (C 0, R 1, U 2, D 3). The bases for key items and QWORD are our extrapolation.

#include "core/registry/RegPath.h"
#include "core/registry/export/ExportCommon.h"

#include <QDateTime>
#include <QUuid>
#include <QXmlStreamWriter>

namespace ssod::core::registry::exporting {

namespace {

// Fixed namespace for the item uids (UUIDv5): the same export inputs give the same file.
const QUuid kUidNamespace(QStringLiteral("{D4BFD604-ED50-4768-AB77-BBD5743B27DE}"));

struct Encoded {
    QString type; ///< REG_SZ, …
    QString value; ///< the value attribute
    QStringList items; ///< REG_MULTI_SZ only
    int imageBase = 5;
};

/// XML 1.0 cannot carry C0 controls other than tab, CR and LF, not even as character references.
bool xmlSafe(const QString &s)
{
    for (const QChar c : s)
        if (c.unicode() < 0x20 && c != QLatin1Char('\t') && c != QLatin1Char('\r') && c != QLatin1Char('\n'))
            return false;
    return true;
}

std::optional<Encoded> encode(const RegValue &v)
{
    const auto hex = [](quint64 n, int digits) {
        return QStringLiteral("%1").arg(n, digits, 16, QLatin1Char('0')).toUpper();
    };
    switch (v.type()) {
    case quint32(RegType::Sz):
    case quint32(RegType::ExpandSz): {
        const QString text = v.toString();
        if (RegValue::fromString(text, RegType(v.type())).data() != v.data() || !xmlSafe(text))
            return std::nullopt; // no terminator, bytes after it, or controls XML cannot hold
        return Encoded { regTypeName(v.type()), text, {}, 5 };
    }
    case quint32(RegType::MultiSz): {
        const QStringList items = v.toMultiString();
        if (RegValue::fromMultiString(items).data() != v.data() || !xmlSafe(items.join(QString())))
            return std::nullopt;
        return Encoded { regTypeName(v.type()), items.join(QLatin1Char(' ')), items, 5 };
    }
    case quint32(RegType::Dword):
        if (const auto d = v.toDword())
            return Encoded { regTypeName(v.type()), hex(*d, 8), {}, 10 };
        return std::nullopt;
    case quint32(RegType::Qword):
        if (const auto q = v.toQword())
            return Encoded { regTypeName(v.type()), hex(*q, 16), {}, 10 };
        return std::nullopt;
    case quint32(RegType::Binary):
        return Encoded { regTypeName(v.type()), QString::fromLatin1(v.data().toHex()).toUpper(), {}, 15 };
    default:
        return std::nullopt;
    }
}

/// GPMC's "changed" format; a caller-pinned timestamp is reused so tests stay byte-stable.
QString changedAttribute(const QString &ts)
{
    QDateTime dt = QDateTime::fromString(ts, Qt::ISODate);
    if (!dt.isValid())
        dt = QDateTime::fromString(ts, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (!dt.isValid())
        dt = QDateTime::currentDateTimeUtc();
    // A time without zone stays as written; converting it would depend on this machine's zone.
    if (dt.timeSpec() != Qt::LocalTime)
        dt = dt.toUTC();
    return dt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

/// Element text with CR and LF as character references: a parser turns raw CR / CRLF into LF, and
/// the file's own line ends are rewritten to CRLF afterwards. (Attributes are escaped by Qt.)
void writeText(QXmlStreamWriter &xml, const QString &text)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != QLatin1Char('\r') && text[i] != QLatin1Char('\n'))
            continue;
        xml.writeCharacters(text.mid(start, i - start));
        xml.writeEntityReference(
            text[i] == QLatin1Char('\r') ? QStringLiteral("#13") : QStringLiteral("#10"));
        start = i + 1;
    }
    xml.writeCharacters(text.mid(start));
}

/// XML comments may not contain "--" or end in "-".
QString commentSafe(QString text)
{
    for (QChar &c : text)
        if (!xmlSafe(QString(c)) || c == QLatin1Char('\r'))
            c = QLatin1Char(' ');
    while (text.contains(QLatin1String("--")))
        text.replace(QLatin1String("--"), QLatin1String("- -"));
    return text;
}

} // namespace

Result<QByteArray> exportGppXml(const ChangeSet &changes, const ExportOptions &options)
{
    const QString ts = timestamp(options);
    const QString changed = changedAttribute(ts);
    bool user = false;
    for (const Change &c : changes.changes)
        user = user || path::equal(path::root(c.key), QStringLiteral("HKEY_CURRENT_USER"));
    const QStringList header = headerLines(changes, options,
        QStringLiteral("What: Group Policy Preferences registry items (Registry.xml)."),
        countOps(changes.toOps()),
        { user ? QStringLiteral(
              "Save as {GPO}\\User\\Preferences\\Registry\\Registry.xml: it has HKEY_CURRENT_USER "
              "items, which only apply from the User side.")
               : QStringLiteral("Save as {GPO}\\Machine\\Preferences\\Registry\\Registry.xml."),
            QStringLiteral(
                "The GPO must list the Registry preference extension "
                "[{B087BE9D-ED37-454F-AF9C-04291E351182}{BEE07A6A-EC9F-4659-B8C9-0B1937907C83}] in its "
                "extension names (GPMC adds it when a registry preference item is edited).") });

    QByteArray body;
    QXmlStreamWriter xml(&body);
    xml.setAutoFormatting(true);
    xml.setAutoFormattingIndent(2);
    xml.writeComment(
        commentSafe(QStringLiteral("\n  ") + header.join(QStringLiteral("\n  ")) + QStringLiteral("\n")));
    xml.writeStartElement(QStringLiteral("RegistrySettings"));
    xml.writeAttribute(QStringLiteral("clsid"), QStringLiteral("{A3CCFC41-DFDB-43a5-8D26-0FE8B954DA51}"));

    for (qsizetype i = 0; i < changes.changes.size(); ++i) {
        const Change &c = changes.changes[i];
        if (!xmlSafe(c.key) || !xmlSafe(c.name))
            return Error::unsupported(
                QStringLiteral(
                    "The key or value name under %1 contains control characters XML cannot hold. Use "
                    "the pol or reg export for this change.")
                    .arg(c.key),
                c.key);
        const bool keyOnly = c.action == Change::Action::CreateKey || c.action == Change::Action::DeleteKey;
        const bool remove = c.action == Change::Action::DeleteValue || c.action == Change::Action::DeleteKey;
        Encoded enc { QStringLiteral("REG_SZ"), QString(), {}, keyOnly ? 0 : 5 };
        if (c.action == Change::Action::SetValue) {
            const RegValue value = c.after.value_or(RegValue());
            const auto e = encode(value);
            if (!e)
                return Error::unsupported(
                    QStringLiteral(
                        "%1 value \"%2\" under %3 cannot be expressed as a Group Policy Preferences "
                        "registry item. Use the pol or reg export for this change.")
                        .arg(regTypeName(value.type()), c.name, c.key),
                    c.key);
            enc = *e;
        } else if (c.action == Change::Action::DeleteValue && c.before) {
            if (const auto e = encode(*c.before)) // GPMC records the deleted value's type
                enc = Encoded { e->type, QString(), {}, e->imageBase };
        }
        const QString action = remove ? QStringLiteral("D") : QStringLiteral("U");
        const int image = enc.imageBase + (remove ? 3 : 2);
        const QString displayName
            = keyOnly ? path::leaf(c.key) : (c.name.isEmpty() ? QStringLiteral("(Default)") : c.name);
        const QUuid uid = QUuid::createUuidV5(kUidNamespace,
            QStringLiteral("%1\n%2\n%3\n%4\n%5")
                .arg(QString::number(i), c.key, c.name, actionName(c.action), ts));

        xml.writeStartElement(QStringLiteral("Registry"));
        xml.writeAttribute(QStringLiteral("clsid"), QStringLiteral("{9CD4B2F4-923D-47f5-A062-E897DD1DAD50}"));
        xml.writeAttribute(QStringLiteral("name"), displayName);
        xml.writeAttribute(QStringLiteral("status"), displayName);
        xml.writeAttribute(QStringLiteral("image"), QString::number(image));
        xml.writeAttribute(QStringLiteral("changed"), changed);
        xml.writeAttribute(QStringLiteral("uid"), uid.toString(QUuid::WithBraces).toUpper());
        xml.writeStartElement(QStringLiteral("Properties"));
        xml.writeAttribute(QStringLiteral("action"), action);
        xml.writeAttribute(QStringLiteral("displayDecimal"),
            enc.imageBase == 10 ? QStringLiteral("1") : QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("default"),
            !keyOnly && c.name.isEmpty() ? QStringLiteral("1") : QStringLiteral("0"));
        xml.writeAttribute(QStringLiteral("hive"), path::root(c.key));
        xml.writeAttribute(QStringLiteral("key"), path::withoutRoot(c.key));
        xml.writeAttribute(QStringLiteral("name"), keyOnly ? QString() : c.name);
        xml.writeAttribute(QStringLiteral("type"), enc.type);
        xml.writeAttribute(QStringLiteral("value"), enc.value);
        if (!enc.items.isEmpty()) {
            xml.writeStartElement(QStringLiteral("Values"));
            for (const QString &item : enc.items) {
                xml.writeStartElement(QStringLiteral("Value"));
                writeText(xml, item);
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement(); // Properties
        xml.writeEndElement(); // Registry
    }
    xml.writeEndElement(); // RegistrySettings
    xml.writeEndDocument();

    while (body.startsWith('\n')) // auto-formatting starts the first node on a new line
        body.remove(0, 1);
    QByteArray out("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out += body;
    out.replace("\r\n", "\n");
    out.replace("\n", "\r\n"); // GPMC's files and the Windows tools that read them use CRLF
    return out;
}

} // namespace ssod::core::registry::exporting
