/// The administrative region (2016 map) of France's main cities.
///
/// Used when magasins.csv has no region column. A city that is not listed gets no region:
/// the importer reports it rather than guess.
public enum FrenchRegions {
    /// The region of `city` ("Saint-Étienne", "SAINT ETIENNE" alike), or nil when unknown.
    public static func region(ofCity city: String) -> String? {
        regionByCity[HeaderName.normalize(city)]
    }

    private static let regionByCity: [String: String] = {
        var map: [String: String] = [:]
        for (region, cities) in citiesByRegion {
            for city in cities { map[HeaderName.normalize(city)] = region }
        }
        return map
    }()

    private static let citiesByRegion: [(String, [String])] = [
        ("Île-de-France", [
            "Paris", "Boulogne-Billancourt", "Saint-Denis", "Argenteuil", "Montreuil", "Nanterre", "Vitry-sur-Seine",
            "Créteil", "Versailles", "Courbevoie", "Colombes", "Aulnay-sous-Bois", "Rueil-Malmaison", "Champigny-sur-Marne",
            "Saint-Maur-des-Fossés", "Aubervilliers", "Asnières-sur-Seine", "Évry-Courcouronnes", "Cergy", "Meaux",
            "Melun", "Issy-les-Moulineaux", "Levallois-Perret", "Neuilly-sur-Seine", "Ivry-sur-Seine", "Noisy-le-Grand",
            "Massy", "Pontoise", "Fontainebleau", "Marne-la-Vallée", "Saint-Germain-en-Laye", "Bobigny", "Antony",
        ]),
        ("Provence-Alpes-Côte d'Azur", [
            "Marseille", "Nice", "Toulon", "Aix-en-Provence", "Avignon", "Antibes", "Cannes", "La Seyne-sur-Mer",
            "Hyères", "Fréjus", "Arles", "Grasse", "Martigues", "Aubagne", "Gap", "Digne-les-Bains", "Menton",
            "Salon-de-Provence", "Istres", "Cagnes-sur-Mer",
        ]),
        ("Auvergne-Rhône-Alpes", [
            "Lyon", "Saint-Étienne", "Grenoble", "Villeurbanne", "Clermont-Ferrand", "Annecy", "Chambéry",
            "Valence", "Vénissieux", "Bourg-en-Bresse", "Roanne", "Vichy", "Aurillac", "Le Puy-en-Velay", "Montluçon",
            "Moulins", "Annemasse", "Thonon-les-Bains", "Vaulx-en-Velin", "Caluire-et-Cuire", "Privas",
        ]),
        ("Nouvelle-Aquitaine", [
            "Bordeaux", "Limoges", "Poitiers", "Pau", "La Rochelle", "Mérignac", "Pessac", "Bayonne", "Angoulême",
            "Niort", "Périgueux", "Brive-la-Gaillarde", "Agen", "Mont-de-Marsan", "Biarritz", "Anglet", "Talence",
            "Châtellerault", "Tulle", "Guéret", "Arcachon", "Rochefort", "Saintes", "Cognac",
        ]),
        ("Hauts-de-France", [
            "Lille", "Amiens", "Roubaix", "Tourcoing", "Dunkerque", "Calais", "Villeneuve-d'Ascq", "Saint-Quentin",
            "Beauvais", "Arras", "Boulogne-sur-Mer", "Douai", "Valenciennes", "Lens", "Compiègne", "Laon", "Soissons",
            "Cambrai", "Maubeuge", "Creil", "Béthune", "Abbeville",
        ]),
        ("Pays de la Loire", [
            "Nantes", "Angers", "Le Mans", "Saint-Nazaire", "La Roche-sur-Yon", "Cholet", "Laval", "Saint-Herblain",
            "Rezé", "Saumur", "Les Sables-d'Olonne",
        ]),
        ("Grand Est", [
            "Strasbourg", "Reims", "Metz", "Mulhouse", "Nancy", "Colmar", "Troyes", "Charleville-Mézières",
            "Châlons-en-Champagne", "Épinal", "Thionville", "Haguenau", "Chaumont", "Bar-le-Duc", "Verdun",
            "Saint-Dizier", "Sarreguemines", "Épernay",
        ]),
        ("Occitanie", [
            "Toulouse", "Montpellier", "Nîmes", "Perpignan", "Béziers", "Narbonne", "Carcassonne", "Albi", "Sète",
            "Montauban", "Tarbes", "Castres", "Rodez", "Cahors", "Auch", "Foix", "Mende", "Alès", "Lourdes", "Millau",
        ]),
        ("Bretagne", [
            "Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Malo", "Saint-Brieuc", "Lannion", "Fougères",
            "Concarneau", "Morlaix", "Vitré",
        ]),
        ("Normandie", [
            "Le Havre", "Rouen", "Caen", "Cherbourg-en-Cotentin", "Cherbourg", "Évreux", "Dieppe", "Alençon",
            "Saint-Lô", "Lisieux", "Vernon", "Fécamp", "Bayeux", "Granville",
        ]),
        ("Bourgogne-Franche-Comté", [
            "Dijon", "Besançon", "Belfort", "Chalon-sur-Saône", "Nevers", "Auxerre", "Mâcon", "Montbéliard",
            "Sens", "Dole", "Vesoul", "Lons-le-Saunier", "Le Creusot", "Beaune",
        ]),
        ("Centre-Val de Loire", [
            "Tours", "Orléans", "Bourges", "Blois", "Châteauroux", "Chartres", "Joué-lès-Tours", "Dreux",
            "Vierzon", "Montargis",
        ]),
        ("Corse", ["Ajaccio", "Bastia", "Porto-Vecchio", "Calvi", "Corte"]),
    ]
}
