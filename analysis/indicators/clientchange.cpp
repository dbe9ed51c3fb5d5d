#include "clientchange.h"

namespace th::analysis {
namespace {

// The quoting trait belongs to B8, which compares it only between replies.
QStringList clientTraits(const ClientFingerprint &f)
{
    QStringList traits = f.traits;
    traits.removeIf([](const QString &t) { return t.startsWith(QLatin1String("quote=")); });
    return traits;
}

// git send-email and b4 send the patches of people who otherwise write from a mail client.
bool isPatchTool(const ClientFingerprint &f)
{
    return f.mailer == u"git send email" || f.mailer == u"b";
}

} // namespace

QStringList ClientChange::unseenTraits(const MessageContext &ctx, int *compared)
{
    const QList<int> history = ctx.fromIsList() ? QList<int>() : ctx.authorHistory();
    if (compared)
        *compared = int(history.size());
    if (history.size() < MinHistory)
        return {};
    QStringList unseen = clientTraits(ctx.data.fingerprints[ctx.index]);
    for (auto m = history.cbegin(); m != history.cend() && !unseen.isEmpty(); ++m) {
        const QStringList &traits = ctx.data.fingerprints[*m].traits;
        unseen.removeIf([&traits](const QString &t) { return traits.contains(t); });
    }
    return unseen;
}

bool ClientChange::isAnotherProgram(const QStringList &unseen)
{
    return unseen.size() >= 3 || (unseen.filter(QStringLiteral("mailer=")).size() + unseen.filter(QStringLiteral("message-id=")).size() == 2);
}

void ClientChange::evaluate(const MessageContext &ctx, QList<Finding> &findings) const
{
    int history = 0;
    const QStringList unseen = unseenTraits(ctx, &history);
    const int total = int(clientTraits(ctx.data.fingerprints[ctx.index]).size());
    if (history < MinHistory || unseen.size() < total * MinUnseen || !isAnotherProgram(unseen) || isPatchTool(ctx.data.fingerprints[ctx.index]))
        return;
    // Firm only with a real history (spec A8: five messages) and most of the client changed: people move
    // between a phone and a desktop, which changes two traits.
    const bool firm = history >= FirmHistory && unseen.size() >= 3;
    findings << Finding{QStringLiteral("A8"), firm ? Finding::Severity::Medium : Finding::Severity::Weak,
                        QStringLiteral("%1 of %2 client traits were never seen in the %3 earlier messages from %4: %5")
                            .arg(unseen.size()).arg(total).arg(history).arg(ctx.message.from.address, unseen.join(QStringLiteral(", "))),
                        {Evidence{Evidence::Kind::Header, -1, -1, QStringLiteral("X-Mailer/User-Agent"), ctx.data.fingerprints[ctx.index].mailer}}};
}

} // namespace th::analysis
