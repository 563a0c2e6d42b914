// The coalition taxonomy, the same table as protocol/taxonomy.json; TaxonomyTests checks they agree.

extension Taxonomy {
    /// The five principles and their level-2 themes, in the order of `protocol/taxonomy.json`.
    public static let principles: [Principle] = [
        Principle(id: "access", labels: ["en": "Universal access and digital literacy", "sq": "Akses universal dhe aftësi dixhitale", "bg": "Универсален достъп и дигитална грамотност", "ro": "Acces universal și alfabetizare digitală"], themes: [
            Theme(id: "access/digital-literacy", labels: ["en": "Digital literacy and skills", "sq": "Aftësi dhe edukim dixhital", "bg": "Дигитална грамотност и умения", "ro": "Alfabetizare și competențe digitale"]),
            Theme(id: "access/connectivity", labels: ["en": "Connectivity and affordable access", "sq": "Lidhshmëria dhe aksesi i përballueshëm", "bg": "Свързаност и достъпен интернет", "ro": "Conectivitate și acces la prețuri accesibile"]),
            Theme(id: "access/digital-inclusion", labels: ["en": "Digital inclusion", "sq": "Përfshirja dixhitale", "bg": "Цифрово приобщаване", "ro": "Incluziune digitală"]),
            Theme(id: "access/accessible-services", labels: ["en": "Accessible digital services", "sq": "Shërbime dixhitale të aksesueshme", "bg": "Достъпни цифрови услуги", "ro": "Servicii digitale accesibile"]),
        ]),
        Principle(id: "privacy", labels: ["en": "Privacy, data protection and security", "sq": "Privatësia, mbrojtja e të dhënave dhe siguria", "bg": "Неприкосновеност на личния живот, защита на данните и сигурност", "ro": "Confidențialitate, protecția datelor și securitate"], themes: [
            Theme(id: "privacy/data-protection", labels: ["en": "Data protection", "sq": "Mbrojtja e të dhënave", "bg": "Защита на данните", "ro": "Protecția datelor"]),
            Theme(id: "privacy/surveillance", labels: ["en": "Surveillance and biometrics", "sq": "Mbikëqyrja dhe biometria", "bg": "Наблюдение и биометрия", "ro": "Supraveghere și biometrie"]),
            Theme(id: "privacy/cybersecurity", labels: ["en": "Cybersecurity", "sq": "Siguria kibernetike", "bg": "Киберсигурност", "ro": "Securitate cibernetică"]),
        ]),
        Principle(id: "transparency", labels: ["en": "Transparency, accountability and non-discrimination of data, content and algorithms", "sq": "Transparenca, llogaridhënia dhe mosdiskriminimi i të dhënave, përmbajtjes dhe algoritmeve", "bg": "Прозрачност, отчетност и недискриминация на данни, съдържание и алгоритми", "ro": "Transparență, responsabilitate și nediscriminare a datelor, conținutului și algoritmilor"], themes: [
            Theme(id: "transparency/algorithm-register", labels: ["en": "Algorithm register", "sq": "Regjistri i algoritmeve", "bg": "Регистър на алгоритмите", "ro": "Registrul algoritmilor"]),
            Theme(id: "transparency/open-data", labels: ["en": "Open data", "sq": "Të dhëna të hapura", "bg": "Отворени данни", "ro": "Date deschise"]),
            Theme(id: "transparency/ai-accountability", labels: ["en": "Accountable artificial intelligence", "sq": "Llogaridhënia e inteligjencës artificiale", "bg": "Отчетност на изкуствения интелект", "ro": "Responsabilitatea inteligenței artificiale"]),
            Theme(id: "transparency/non-discrimination", labels: ["en": "Non-discrimination", "sq": "Mosdiskriminimi", "bg": "Недискриминация", "ro": "Nediscriminare"]),
        ]),
        Principle(id: "participation", labels: ["en": "Participatory democracy, diversity and inclusion", "sq": "Demokracia pjesëmarrëse, diversiteti dhe përfshirja", "bg": "Демокрация на участието, многообразие и приобщаване", "ro": "Democrație participativă, diversitate și incluziune"], themes: [
            Theme(id: "participation/e-participation", labels: ["en": "E-participation", "sq": "Pjesëmarrja elektronike", "bg": "Електронно участие", "ro": "Participare electronică"]),
            Theme(id: "participation/co-creation", labels: ["en": "Co-creation with residents", "sq": "Bashkëkrijimi me banorët", "bg": "Съвместно създаване с жителите", "ro": "Co-creare cu locuitorii"]),
            Theme(id: "participation/diversity-inclusion", labels: ["en": "Diversity and inclusion", "sq": "Diversiteti dhe përfshirja", "bg": "Многообразие и приобщаване", "ro": "Diversitate și incluziune"]),
        ]),
        Principle(id: "standards", labels: ["en": "Open and ethical digital service standards", "sq": "Standarde të hapura dhe etike të shërbimeve dixhitale", "bg": "Отворени и етични стандарти за цифрови услуги", "ro": "Standarde deschise și etice pentru serviciile digitale"], themes: [
            Theme(id: "standards/open-source", labels: ["en": "Open source software", "sq": "Softuer me burim të hapur", "bg": "Софтуер с отворен код", "ro": "Software cu sursă deschisă"]),
            Theme(id: "standards/procurement", labels: ["en": "Ethical procurement", "sq": "Prokurimi etik", "bg": "Етични обществени поръчки", "ro": "Achiziții publice etice"]),
            Theme(id: "standards/interoperability", labels: ["en": "Open standards and interoperability", "sq": "Standarde të hapura dhe ndërveprueshmëria", "bg": "Отворени стандарти и оперативна съвместимост", "ro": "Standarde deschise și interoperabilitate"]),
            Theme(id: "standards/digital-rights-governance", labels: ["en": "Digital rights governance", "sq": "Qeverisja e të drejtave dixhitale", "bg": "Управление на цифровите права", "ro": "Guvernanța drepturilor digitale"]),
            Theme(id: "standards/human-rights-impact", labels: ["en": "Human rights impact assessment", "sq": "Vlerësimi i ndikimit në të drejtat e njeriut", "bg": "Оценка на въздействието върху правата на човека", "ro": "Evaluarea impactului asupra drepturilor omului"]),
        ]),
    ]
}
