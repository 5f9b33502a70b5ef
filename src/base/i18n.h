/* i18n.h: the user's language. Messages are written in English in the
 * source (GNU gettext's msgids) and translated through the zh_CN catalog
 * (po/zh_CN.po). The language is not global: it comes with the database
 * handle (z->lang) or the command line, so a server can answer in Chinese
 * whatever its locale, and the audit files are Chinese in an English
 * session. Chinese is the default. */
#ifndef SANZI_I18N_H
#define SANZI_I18N_H

enum { LANG_ZH = 0, LANG_EN = 1 };

/* Marks a message to translate later (a table of messages, a parser's
 * static reason): the text stays English until tr() is applied. */
#define N_(s) (s)

/* msgid in lang: the catalog's translation for LANG_ZH (msgid itself when
 * the catalog lacks it), msgid for LANG_EN. */
const char *tr(int lang, const char *msgid) __attribute__((format_arg(2)));
/* The same for a message with a count: one or many (English); Chinese has
 * one form. */
const char *trn(int lang, const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(2), format_arg(3)));

/* The system's reason for an error number (errno), in lang: use it
 * instead of strerror, which follows the process's locale. */
const char *tr_errno(int lang, int err);

/* Makes the zh_CN catalog reachable for tr(): binds the text domain to
 * the first directory holding it (beside the program in the build tree,
 * PREFIX/share/locale beside PREFIX/bin/sanzi, then the LOCALEDIR it was
 * compiled with) and sets the message locale so gettext
 * reads it even on a bare C locale. Once per process, before any thread.
 * exe: the program's path (/proc/self/exe when NULL). Returns 0, or -1
 * when no catalog was found (Chinese then falls back to English). */
int i18n_init(const char *exe);

/* The language the environment asks for: the first of LANGUAGE, LC_ALL,
 * LC_MESSAGES and LANG that is set decides; English when it names English
 * ("en", "en_US.UTF-8"), else Chinese (also for C, POSIX and C.UTF-8, as
 * on a freshly installed server). */
int i18n_env_lang(void);
/* "zh", "zh_CN", "cn", "中文" -> LANG_ZH; "en", "en_US" -> LANG_EN; else -1. */
int i18n_lang_parse(const char *s);

#endif
