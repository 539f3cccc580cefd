/* Writers: diagnostics (and later rollups) in every output format.
 *
 * Each returns 0, or -1 when the stream failed (a full disk, a closed
 * pipe): the command turns that into exit status 2. */
#ifndef POSTMORTEM_OUT_H
#define POSTMORTEM_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "postmortem/diag.h"

/* path:line:col: severity: message [rule], then "N files, E errors, W warnings". */
int pm_write_diags_text(FILE *out, const pm_diags *diags, size_t files, bool color);
/* {"files": N, "errors": E, "warnings": W, "diagnostics": [...]} */
int pm_write_diags_json(FILE *out, const pm_diags *diags, size_t files);
/* ::error file=PATH,line=L,col=C,title=RULE::MESSAGE */
int pm_write_diags_github(FILE *out, const pm_diags *diags, size_t files);

#endif
