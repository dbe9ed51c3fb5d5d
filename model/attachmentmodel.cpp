#include "attachmentmodel.h"

#include <QLocale>

namespace th::model {

QStringList AttachmentModel::columnTitles() const
{
    return {tr("Name"), tr("Type"), tr("Size"), tr("SHA-256")};
}

QVariant AttachmentModel::display(const Attachment &a, int column) const
{
    switch (column) {
    case NameColumn: return a.fileName.isEmpty() ? tr("(unnamed)") : a.fileName;
    case TypeColumn: return a.isInline ? tr("%1 (inline)").arg(a.mimeType) : a.mimeType;
    case SizeColumn: return QLocale().formattedDataSize(a.size);
    case Sha256Column: return QString::fromLatin1(a.sha256);
    default: return {};
    }
}

} // namespace th::model
