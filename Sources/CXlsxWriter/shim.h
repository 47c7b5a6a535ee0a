// libxlsxwriter (Debian's libxlsxwriter-dev): the Excel files of the official reports.
#include <xlsxwriter.h>
