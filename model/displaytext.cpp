#include "displaytext.h"

#include <QCoreApplication>

namespace th::model {

QString DisplayText::shortened(const QString &text, qsizetype max)
{
    if (text.size() <= max)
        return text;
    return text.left(max) + QCoreApplication::translate("DisplayText", " … [%1 more characters]").arg(text.size() - max);
}

QVariant DisplayText::shortened(const QVariant &value, qsizetype max)
{
    return value.typeId() == QMetaType::QString ? QVariant(shortened(value.toString(), max)) : value;
}

} // namespace th::model
