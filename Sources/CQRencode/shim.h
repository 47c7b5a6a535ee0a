// libqrencode (Debian's libqrencode-dev): QR codes for the printed poster of a school's form link.
#include <qrencode.h>
