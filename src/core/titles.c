#include "postmortem/titles.h"

const char *const pm_builtin_langs[PM_LANG_COUNT] = {"en", "de", "fr", "it", "es", "ja"};

/* Contract 3.2. The first title of each language is the template's; the
 * others are the terms of the localized source articles and common
 * variants a native writer uses. */
const pm_builtin_heading pm_builtin_sections[] = {
	{"summary", PM_REQ_ALWAYS,
	 {"Summary", "Zusammenfassung", "Résumé", "Riepilogo", "Resumen", "概要"}},
	{"impact", PM_REQ_ALWAYS,
	 {"Impact", "Auswirkungen", "Impact", "Impatto", "Impacto", "影響"}},
	{"timeline", PM_REQ_ALWAYS,
	 {"Timeline", "Zeitleiste; Zeitablauf", "Chronologie", "Cronologia", "Cronología",
	  "タイムライン; 経緯"}},
	{"technical-summary", PM_REQ_FULL,
	 {"Technical summary", "Technische Zusammenfassung", "Résumé technique", "Riepilogo tecnico",
	  "Resumen técnico", "技術的な概要"}},
	{"failures", PM_REQ_NOT_DRAFT,
	 {"Failures; Contributing factors", "Fehler; Fehlerursachen", "Défaillances", "Errori", "Fallas",
	  "問題点; 失敗; 原因"}},
	{"response-evaluation", PM_REQ_FULL,
	 {"Response evaluation", "Bewertung der Reaktion", "Évaluation de la réponse",
	  "Valutazione della risposta", "Evaluación de la respuesta", "対応の評価"}},
	{"action-items", PM_REQ_ALWAYS,
	 {"Action items", "Maßnahmen", "Actions correctives; Plan d'action", "Azioni correttive",
	  "Acciones correctivas", "対応項目; アクション アイテム; アクションアイテム"}},
	{"lessons-learned", PM_REQ_NO,
	 {"Lessons learned", "Erkenntnisse; Lehren", "Enseignements; Leçons apprises", "Lezioni apprese",
	  "Lecciones aprendidas", "教訓"}},
	{"related", PM_REQ_NO,
	 {"Related documents", "Verwandte Dokumente; Verwandte Artikel",
	  "Documents connexes; Articles connexes", "Documenti correlati; Articoli correlati",
	  "Documentos relacionados; Artículos relacionados", "関連ドキュメント; 関連記事"}},
};
const size_t pm_builtin_section_count = sizeof(pm_builtin_sections) / sizeof(pm_builtin_sections[0]);

/* Contract 3.3. */
const pm_builtin_heading pm_builtin_categories[] = {
	{"technical", PM_REQ_NO,
	 {"Technical lapses", "Technische Fehler", "Échecs techniques", "Insuccessi tecnici",
	  "Fallas técnicas", "技術的な不備; 技術的な経過"}},
	{"procedural", PM_REQ_NO,
	 {"Procedural failures", "Verfahrensfehler", "Défaillances procédurales", "Errori procedurali",
	  "Errores de procedimiento; Errores de procedimientos", "手順の失敗"}},
	{"manual", PM_REQ_NO,
	 {"Manual errors", "Manuelle Fehler", "Erreurs manuelles", "Errori manuali", "Errores manuales",
	  "人為的ミス; 手動エラー"}},
	{"process", PM_REQ_NO,
	 {"Process flaws", "Prozessfehler", "Failles de processus", "Difetti dei processi",
	  "Defectos de procesos", "プロセスの欠陥"}},
	{"communication", PM_REQ_NO,
	 {"Communication failures", "Kommunikationsfehler", "Problèmes de communication",
	  "Problemi di comunicazione; Glitch di comunicazione", "Problemas de comunicación",
	  "コミュニケーションの失敗; 通信障害"}},
	{"attack-vector", PM_REQ_NO,
	 {"Previously unknown attack vectors", "Zuvor unbekannte Angriffsvektoren",
	  "Vecteurs d'attaque précédemment inconnus", "Vettori di attacco precedentemente sconosciuti",
	  "Vectores de ataque desconocidos", "未知の攻撃ベクトル"}},
};
const size_t pm_builtin_category_count =
	sizeof(pm_builtin_categories) / sizeof(pm_builtin_categories[0]);
