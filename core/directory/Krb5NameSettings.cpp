#include "core/directory/Krb5NameSettings.h"

#include <QCoreApplication>
#include <krb5.h>
#include <profile.h>

namespace ssod::core::directory {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Krb5NameSettings", text);
}

/// A krb5 context and its profile, released together on every return path.
struct Profile {
    krb5_context context = nullptr;
    profile_t profile = nullptr;
    ~Profile()
    {
        if (profile)
            profile_release(profile);
        if (context)
            krb5_free_context(context);
    }
};

constexpr const char *kLibdefaults = "libdefaults";

} // namespace

Result<Krb5NameSettings> Krb5NameSettings::read()
{
    Krb5NameSettings out;
    const QByteArray env = qgetenv("KRB5_CONFIG");
    out.configFiles = env.isEmpty() ? QStringLiteral("/etc/krb5.conf") : QString::fromLocal8Bit(env);
    Profile p;
    krb5_error_code rc = krb5_init_context(&p.context);
    if (rc == 0)
        rc = krb5_get_profile(p.context, &p.profile);
    if (rc != 0) {
        // MIT refuses a malformed file and a value it cannot take (dns_canonicalize_hostname = maybe).
        const char *why = krb5_get_error_message(p.context, rc);
        const QString message = QString::fromUtf8(why);
        krb5_free_error_message(p.context, why);
        return Error::invalid(
            tr("cannot read the Kerberos configuration %1: %2 (krb5 error %3); check its syntax "
               "and values")
                .arg(out.configFiles, message)
                .arg(rc));
    }
    // dns_canonicalize_hostname is a boolean or the word "fallback" (krb5 1.18): MIT parses the
    // boolean; the text is looked at only when it is not one.
    int flag = 1;
    if (profile_get_boolean(p.profile, kLibdefaults, "dns_canonicalize_hostname", nullptr, 1, &flag) == 0) {
        out.canonicalize = flag ? Canonicalize::True : Canonicalize::False;
    } else {
        char *text = nullptr;
        profile_get_string(p.profile, kLibdefaults, "dns_canonicalize_hostname", nullptr, nullptr, &text);
        const QString value = QString::fromUtf8(text).trimmed();
        profile_release_string(text);
        if (value.compare(QLatin1String("fallback"), Qt::CaseInsensitive) != 0)
            return Error::invalid(tr("%1: dns_canonicalize_hostname = %2 is neither true, false nor fallback")
                                      .arg(out.configFiles, value));
        out.canonicalize = Canonicalize::Fallback;
    }
    flag = 1;
    if (profile_get_boolean(p.profile, kLibdefaults, "rdns", nullptr, 1, &flag) != 0)
        return Error::invalid(tr("%1: rdns is neither true nor false").arg(out.configFiles));
    out.rdns = flag != 0;
    char *qualify = nullptr;
    if (profile_get_string(p.profile, kLibdefaults, "qualify_shortname", nullptr, nullptr, &qualify) == 0
        && qualify)
        out.qualifyShortname = QString::fromUtf8(qualify).trimmed();
    profile_release_string(qualify);
    return out;
}

} // namespace ssod::core::directory
