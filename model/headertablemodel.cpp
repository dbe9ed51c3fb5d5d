#include "headertablemodel.h"

namespace th::model {

void HeaderTableModel::setMessage(const Message &message)
{
    m_header = Message();
    m_header.rawHeader = message.rawHeader;
    m_header.headers = message.headers;
    setRecords(message.headers);
}

QStringList HeaderTableModel::columnTitles() const
{
    return {tr("Field"), tr("Value")};
}

QVariant HeaderTableModel::display(const HeaderField &f, int column) const
{
    return column == NameColumn ? m_header.headerName(f) : m_header.headerValue(f);
}

QVariant HeaderTableModel::roleData(const HeaderField &f, int role) const
{
    return role == OffsetRole ? QVariant(f.offset) : QVariant();
}

} // namespace th::model
