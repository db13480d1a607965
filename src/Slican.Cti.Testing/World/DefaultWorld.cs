using System.Globalization;

namespace Slican.Cti.Testing;

/// <summary>Builds the default office deterministically from name lists (no randomness, same world every time).</summary>
internal static class DefaultWorld
{
    public const string Password = "1234";

    private static readonly string[] s_firstFemale = ["Agnieszka", "Małgorzata", "Joanna", "Magdalena", "Monika", "Barbara", "Elżbieta", "Dorota", "Beata", "Żaneta", "Jolanta", "Grażyna", "Łucja", "Iwona", "Justyna"];
    private static readonly string[] s_firstMale = ["Krzysztof", "Andrzej", "Marek", "Michał", "Paweł", "Łukasz", "Grzegorz", "Wojciech", "Jacek", "Zbigniew", "Jerzy", "Sławomir", "Mariusz", "Dariusz", "Stanisław"];
    private static readonly string[] s_surnameMale = ["Wójcik", "Kamiński", "Kowalczyk", "Zając", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Król", "Wieczorek", "Jabłoński"];
    private static readonly string[] s_english = ["John Smith", "Emily Clarke", "Oliver Brown", "Sophie Turner", "James Wilson", "Charlotte Evans", "Harry Walker", "Amelia Wright", "George Hughes", "Isla Roberts"];
    private static readonly string[] s_companies = ["Sp. z o.o.", "S.A.", "s.c.", "Ltd", "GmbH"];
    private static readonly string[] s_companyStems = ["Żuraw", "Polmex", "Budimex-Serwis", "Łączność", "Świt", "Elektron", "Metalplast", "Agro-Pol", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Kowalski", "Gęślarz", "Hydro-Tech"];

    public static PbxWorldData Create()
    {
        var subscribers = new List<SubscriberData>
        {
            new() { Id = 1001, Extension = "201", Name = "Anna Nowak (Recepcja)", Kind = SubscriberKind.MessengerUser, CtiPassword = Password, Licence = "CTIuserPlus", Voip = true, Camera = true, CanEditBook = true, CanEditGroups = true, PickupGroup = "A", CallWaiting = true },
            new() { Id = 1002, Extension = "202", Name = "Piotr Kowalski", Kind = SubscriberKind.MessengerUser, CtiPassword = Password, Licence = "CTIuser", PickupGroup = "A" },
            new() { Id = 1003, Extension = "203", Name = "Katarzyna Wiśniewska", Kind = SubscriberKind.MessengerUser, CtiPassword = Password, Licence = "CTIuserPlus", Voip = true, PickupGroup = "A" },
        };

        for (int i = 4; i <= 39; i++)
        {
            int n = i - 4;
            string name = (n % 6) switch
            {
                5 => s_english[n / 6 % s_english.Length],
                _ when n % 2 == 0 => $"{s_firstMale[n % s_firstMale.Length]} {s_surnameMale[n % s_surnameMale.Length]}",
                _ => $"{s_firstFemale[n % s_firstFemale.Length]} {Feminine(s_surnameMale[(n + 7) % s_surnameMale.Length])}",
            };
            var kind = (n % 3) switch { 0 => SubscriberKind.DeskPhone, 1 => SubscriberKind.MessengerUser, _ => SubscriberKind.Voip };
            string? appState = kind == SubscriberKind.MessengerUser ? (n % 4) switch { 0 => "AVAILABLE", 1 => "BRB", 2 => "BUSY", _ => null } : null;
            subscribers.Add(new SubscriberData
            {
                Id = 1000 + i,
                Extension = (200 + i).ToString(CultureInfo.InvariantCulture),
                Name = name,
                Kind = kind,
                Phone = kind == SubscriberKind.Voip ? PhoneKind.Sip : n % 5 == 0 ? PhoneKind.Analog : PhoneKind.System,
                CtiPassword = Password,
                ApplicationAllowed = kind == SubscriberKind.MessengerUser, // desk and VoIP phones have no MessengerCTI licence
                Licence = n % 2 == 0 ? "CTIuser" : "CTIuserPlus",
                Voip = kind != SubscriberKind.DeskPhone && n % 2 == 1,
                AppState = appState,
                AppInfo = appState == "BRB" ? "Zaraz wracam" : appState == "BUSY" ? "Spotkanie w Łodzi" : null,
                Dnd = n == 9,
                PickupGroup = n < 6 ? "B" : null,
            });
        }

        subscribers.Add(new() { Id = 1040, Extension = "240", Name = "Tomasz Zieliński", Kind = SubscriberKind.DeskPhone, CtiPassword = Password, ApplicationAllowed = false });
        subscribers.Add(new() { Id = 1041, Extension = "241", Name = "Ewa Lewandowska", Kind = SubscriberKind.DeskPhone, CtiPassword = Password, CtiAccess = false });
        subscribers.Add(new()
        {
            Id = 1050, Extension = "250", Name = "Brama (DPH.IP doorphone)", Kind = SubscriberKind.Doorphone, Phone = PhoneKind.Sip,
            Camera = true, CameraUrl = "rtsp://127.0.0.1:8554/door", CameraLogin = "viewer", CameraPassword = "door-1234",
            ApplicationAllowed = false,
        });
        subscribers.Add(new()
        {
            Id = 1060, Extension = "260", Name = "Bramka GSM", Kind = SubscriberKind.GsmGateway, Phone = PhoneKind.Analog,
            GsmNumber = "48600100200", GsmPin = Password, ApplicationAllowed = false, CtiAccess = false,
        });

        var groups = new List<PhoneBookGroupData>
        {
            new() { GroupId = 1, Name = "Pracownicy", Department = true, Favourite = true },
            new() { GroupId = 2, Name = "Klienci" },
            new() { GroupId = 3, Name = "Dostawcy" },
            new() { GroupId = 4, Name = "Partnerzy", Favourite = true },
            new() { GroupId = 5, Name = "Serwis zewnętrzny" },
        };

        var contacts = new List<PhoneBookContactData>();
        int contactId = 1, phoneId = 1;
        foreach (var s in subscribers.Where(s => s.Kind is not SubscriberKind.GsmGateway))
        {
            contacts.Add(new()
            {
                ContactId = contactId++, Name = s.Name, ExtNo = s.Extension, IdExtNo = s.Id, Type = "Subscriber",
                Phones = [new PhoneData { PhoneId = phoneId++, Number = s.Extension, Comment = "Wewnętrzny", Default = true }],
                GroupIds = [1],
            });
        }

        contacts.Add(new()
        {
            ContactId = contactId++, Name = "Jan Kowalski, Kowalski Sp. z o.o.", Type = "External", Favourite = true,
            Phones = [new PhoneData { PhoneId = phoneId++, Number = "0612345678", Comment = "Praca", Default = true }, new PhoneData { PhoneId = phoneId++, Number = "+48 501 234 567", Comment = "Komórka", CanSms = true }],
            GroupIds = [2], Info = "ul. Główna 1, 61-001 Poznań",
        });
        contacts.Add(new()
        {
            ContactId = contactId++, Name = "Zofia Wójcik", Type = "External",
            Phones = [new PhoneData { PhoneId = phoneId++, Number = "0600123456", Comment = "Komórka", CanSms = true, Default = true }],
            GroupIds = [2],
        });

        string[] cities = ["61", "22", "12", "71", "58", "42", "91", "81"];
        int generated = 0;
        for (int i = 0; contacts.Count < 500; i++)
        {
            generated++;
            string person = i % 5 == 4
                ? s_english[i % s_english.Length]
                : i % 2 == 0
                    ? $"{s_firstMale[(i * 7) % s_firstMale.Length]} {s_surnameMale[(i * 3) % s_surnameMale.Length]}"
                    : $"{s_firstFemale[(i * 5) % s_firstFemale.Length]} {Feminine(s_surnameMale[(i * 11) % s_surnameMale.Length])}";
            string company = $"{s_companyStems[i % s_companyStems.Length]} {s_companies[(i / 3) % s_companies.Length]}";
            string city = cities[i % cities.Length];
            int local = 1000000 + ((i * 7919) % 8999999);
            string local7 = local.ToString(CultureInfo.InvariantCulture);
            string landline = (i % 4) switch
            {
                0 => $"+48 {city} {local7[..3]} {local7[3..5]} {local7[5..]}",
                1 => $"{city}{local7}",
                2 => $"0{city}{local7}",
                _ => $"0048{city}{local7}",
            };
            int mobile = 500000000 + ((i * 104729) % 299999999);
            var phones = new List<PhoneData> { new() { PhoneId = phoneId++, Number = landline, Comment = "Praca", Default = true } };
            if (i % 3 != 0)
            {
                phones.Add(new() { PhoneId = phoneId++, Number = mobile.ToString(CultureInfo.InvariantCulture), Comment = "Komórka", CanSms = true });
            }

            contacts.Add(new()
            {
                ContactId = contactId++, Name = $"{person}, {company}", Type = "External", Favourite = i % 17 == 0,
                Phones = phones, GroupIds = i % 10 == 0 ? [2 + (i % 4), 4] : [2 + (i % 4)],
                Info = i % 6 == 0 ? $"ul. Polna {1 + (i % 90)}, {city}-{100 + (i % 800):000} " : null,
            });
        }

        var start = new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Unspecified);
        var callHistory = new List<CallHistoryData>();
        int hid = 5000;
        foreach (string owner in new[] { "201", "202", "203" })
        {
            for (int i = 0; i < 12; i++)
            {
                string type = (i % 3) switch { 0 => "InCall", 1 => "OutCall", _ => "MissedCall" };
                callHistory.Add(new()
                {
                    Owner = owner, HId = hid++, StartTime = start.AddMinutes(i * 37), HType = type,
                    CNumber = i % 4 == 0 ? "0612345678" : $"0{cities[i % cities.Length]}5550{i:00}",
                    CName = i % 4 == 0 ? "Jan Kowalski, Kowalski Sp. z o.o." : null, CType = "National",
                    DialNumber = type == "OutCall" ? null : owner, DurationTime = type == "MissedCall" ? 12 : 30 + (i * 13), Unread = type == "MissedCall",
                });
            }
        }

        var messageHistory = new List<MessageHistoryData>();
        int mid = 800, smsId = 700;
        string[] chat = ["Cześć, masz chwilę?", "Tak, o co chodzi?", "Klient z Kowalski Sp. z o.o. prosi o oddzwonienie.", "Jasne, zadzwonię po spotkaniu.", "Dzięki!"];
        for (int i = 0; i < chat.Length; i++)
        {
            string from = i % 2 == 0 ? "201" : "202", to = i % 2 == 0 ? "202" : "201";
            var when = start.AddHours(1).AddMinutes(i);
            int id = smsId++;
            messageHistory.Add(new() { Owner = from, MId = mid++, SmsId = id, Date = when, Type = "Out", Number = to, Text = chat[i], Status = "Read", StatusDate = when.AddMinutes(1) });
            messageHistory.Add(new() { Owner = to, MId = mid++, SmsId = id, Date = when, Type = "In", Number = from, Text = chat[i], ReadDate = when.AddMinutes(1), Status = "Read", StatusDate = when.AddMinutes(1) });
        }

        return new PbxWorldData
        {
            Subscribers = subscribers,
            RingGroups =
            [
                new RingGroupData { Number = "300", Name = "Recepcja", Members = ["201", "202", "203"] },
                new RingGroupData { Number = "301", Name = "Serwis", Members = ["203", "204", "205"] },
            ],
            PhoneBookGroups = groups,
            Contacts = contacts,
            Queues =
            [
                new QueueData { QueueId = 1, Name = "Sprzedaż", Number = "401", Agents = ["201", "203", "205", "207"], LoggedInAgents = ["205", "207"] },
                new QueueData { QueueId = 2, Name = "Serwis", Number = "402", Agents = ["201", "206", "208"], LoggedInAgents = ["206"] },
            ],
            CallHistory = callHistory,
            MessageHistory = messageHistory,
            Callbacks =
            [
                new CallbackData { CbId = 70, QueueId = 1, Number = "0612345678", Name = "Jan Kowalski, Kowalski Sp. z o.o.", Time = start.AddMinutes(5), Attempts = 0 },
                new CallbackData { CbId = 71, QueueId = 2, Number = "0600123456", Name = "Zofia Wójcik", Time = start.AddMinutes(50), Attempts = 1 },
            ],
        };
    }

    private static string Feminine(string surname) =>
        surname.EndsWith("ski", StringComparison.Ordinal) || surname.EndsWith("cki", StringComparison.Ordinal) || surname.EndsWith("dzki", StringComparison.Ordinal)
            ? string.Concat(surname.AsSpan(0, surname.Length - 1), "a")
            : surname;
}
