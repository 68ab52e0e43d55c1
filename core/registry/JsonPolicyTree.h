#pragma once

#include "core/registry/RegValue.h"
#include "core/util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>
#include <vector>

namespace ssod::core::registry {

/// Which browser's registry form a JSON policy document follows.
enum class JsonPolicyFlavour {
    /// Chrome, Chromium, Edge: a flat object. On Windows each policy is a value of the policy key,
    /// a list of strings is a subkey with values "1", "2", …, a dictionary is a REG_SZ holding JSON.
    Chromium,
    /// Firefox policies.json: every object is a key, every array a key with values "1", "2", …
    Firefox,
};

/**
 * A browser policy document seen as a registry subtree: containers (objects, arrays) are keys,
 * strings, booleans and numbers are values. Array items are named by their position ("1", "2", …)
 * exactly as the browsers' Windows registry form of list policies names them. Names are matched
 * case-insensitively, like registry names; an exact spelling wins over another casing.
 */
class JsonPolicyTree final {
public:
    struct Node {
        enum class Kind { Object, Array, Leaf };
        Kind kind = Kind::Leaf;
        /// Leaf: string, bool, number or null; for the Chromium family also a whole dictionary policy.
        QJsonValue leaf;
        /// An object made by a commit: it is written as an array when its values are named 1..n,
        /// because the registry form cannot say whether a new key is a list or an object.
        bool created = false;
        /// A named child. Not std::pair: a pair of the still-incomplete Node is ill-formed, which
        /// clang (the fuzz build) rejects even though GCC accepts it. For the same reason the
        /// special members are defined in the .cpp, where Child is complete.
        struct Child;

        Node();
        Node(Kind k, QJsonValue value);
        ~Node();
        Node(const Node &);
        Node(Node &&) noexcept;
        Node &operator=(const Node &);
        Node &operator=(Node &&) noexcept;
        /// Object members by name; array items by decimal position (gaps allowed until written).
        std::vector<Child> children;

        bool isContainer() const { return kind != Kind::Leaf; }
        const Node *child(const QString &name) const;
        Node *child(const QString &name);
        void remove(const QString &name);
    };

    JsonPolicyTree() = default;
    /// Reads the policy object (a Chromium file, or the value of Firefox's "policies").
    static JsonPolicyTree fromJson(const QJsonObject &policies, JsonPolicyFlavour flavour);
    /// The policy object; arrays are compacted (items in numeric order, gaps closed).
    QJsonObject toJson() const;

    JsonPolicyFlavour flavour() const { return m_flavour; }
    const Node &root() const { return m_root; }
    Node &root() { return m_root; }

    /// The container at \a components below the root, or null (also when a component is a value).
    const Node *find(const QStringList &components) const;
    Node *find(const QStringList &components);
    /// Like find(), creating missing containers. For the Chromium family a key below the root is a
    /// list policy (array); for Firefox a new key is an object (see Node::created). Fails when a
    /// component is a value or an array item is not named by a number.
    Result<Node *> ensure(const QStringList &components);

private:
    JsonPolicyFlavour m_flavour = JsonPolicyFlavour::Chromium;
    Node m_root { Node::Kind::Object, QJsonValue() };
};

/// The registry form of a JSON leaf: string → REG_SZ, bool → REG_DWORD 0/1, integer → REG_DWORD
/// (signed 32-bit; REG_QWORD beyond that), null → REG_NONE, a dictionary → REG_SZ with its JSON.
RegValue jsonLeafToRegValue(const QJsonValue &leaf);

/**
 * The JSON form of \a value written as \a name. \a existing (the leaf it replaces, if any) keeps
 * the JSON type where the registry type is ambiguous: a REG_DWORD over a boolean stays a boolean,
 * a REG_SZ over a Chromium dictionary policy is parsed back into an object. Types that JSON
 * policies do not have (REG_MULTI_SZ, REG_BINARY, …) are refused.
 */
Result<QJsonValue> regValueToJsonLeaf(const RegValue &value, const QString &name,
    const std::optional<QJsonValue> &existing, JsonPolicyFlavour flavour);

/// True when \a name is a decimal item position 1, 2, … (the names of array items).
bool isItemName(const QString &name);

struct JsonPolicyTree::Node::Child {
    Child(QString name, Node node) : first(std::move(name)), second(std::move(node)) { }
    QString first; ///< the member name, or the item's position "1", "2", …
    Node second;
};

} // namespace ssod::core::registry
