#include "headertablemodel.h"

namespace th::model {

QStringList HeaderTableModel::columnTitles() const
{
    return {tr("Field"), tr("Value")};
}

QVariant HeaderTableModel::display(const HeaderField &f, int column) const
{
    return column == NameColumn ? f.name : f.value;
}

QVariant HeaderTableModel::roleData(const HeaderField &f, int role) const
{
    return role == OffsetRole ? QVariant(f.offset) : QVariant();
}

} // namespace th::model
