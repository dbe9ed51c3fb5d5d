#include "displaytext.h"

#include <QCoreApplication>

namespace th::model {

QString DisplayText::shortened(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    const qsizetype kept = max > 0 && text[max - 1].isHighSurrogate() ? max - 1 : max; // whole characters only
    return text.left(kept) + QCoreApplication::translate("DisplayText", " … [%1 more characters]").arg(text.size() - kept);
}

QVariant DisplayText::shortened(const QVariant &value, qsizetype max)
{
    return value.typeId() == QMetaType::QString ? QVariant(shortened(value.toString(), max)) : value;
}

} // namespace th::model
