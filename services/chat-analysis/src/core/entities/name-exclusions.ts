import { MONTHS, WEEKDAYS } from './calendar-words.js';
import { wordList } from './word-list.js';

/**
 * Capitalised words that are never a person's name in a support chat, folded with foldKey: greetings
 * and chat words, titles, shops, brands and carriers, Turkish provinces and big cities, months and
 * weekdays. A sentence may start with any of them, and "Merhaba Ahmet Bey" must not yield "Merhaba Ahmet".
 */
const CHAT_WORDS = wordList(`
  merhaba merhabalar selam selamlar gunaydin iyi gunler aksamlar tesekkur tesekkurler tesekkurederim sagol
  sagolun lutfen tamam evet hayir rica ederim kolay gelsin hoscakal gorusuruz musteri musterimiz efendim hocam
  abi abla kardesim yetkili arkadaslar sayin degerli sevgili bey beyefendi hanim hanimefendi siparis siparisim
  siparisimi siparisimin kargo kargom kargonun urun urunu urunum iade degisim fatura odeme kart kredi hesap iban
  adres teslimat magaza destek ekip yardim bilgi ozur ozurdileriz maalesef acil neden nasil ne zaman hala
  hello hi hey thanks thank please sorry dear sir madam team support customer order shipping delivery refund
  return payment okay ok yes no the this that my we you it is am are i im
  mudur doktor dr avukat ogretmen hoca muhendis kargocu kurye temsilci temsilciniz
`);

const BRANDS = wordList(`
  trendyol hepsiburada amazon n11 ciceksepeti gittigidiyor getir yemeksepeti migros a101 bim sok teknosa
  mediamarkt vatan apple iphone ipad samsung galaxy xiaomi huawei oppo nike adidas puma zara mango lcw koton
  defacto mavi boyner vakko arcelik vestel beko bosch philips dyson sony lg asus lenovo hp dell casio yurtici
  aras mng ptt surat ups dhl fedex hepsijet sendeo express paypal visa mastercard troy garanti akbank isbank
  ziraat yapikredi halkbank vakifbank qnb denizbank enpara papara google whatsapp instagram facebook
`);

const PLACES = wordList(`
  adana adiyaman afyon afyonkarahisar agri amasya ankara antalya artvin aydin balikesir bilecik bingol bitlis
  bolu burdur bursa canakkale cankiri corum denizli diyarbakir edirne elazig erzincan erzurum eskisehir
  gaziantep antep giresun gumushane hakkari hatay isparta mersin istanbul izmir kars kastamonu kayseri
  kirklareli kirsehir kocaeli izmit konya kutahya malatya manisa kahramanmaras maras mardin mugla mus nevsehir
  nigde ordu rize sakarya adapazari samsun siirt sinop sivas tekirdag tokat trabzon tunceli sanliurfa urfa usak
  van yozgat zonguldak aksaray bayburt karaman kirikkale batman sirnak bartin ardahan igdir yalova karabuk kilis
  osmaniye duzce kadikoy besiktas uskudar sisli bakirkoy beylikduzu esenyurt cankaya kecioren bornova karsiyaka
  turkiye turkey london paris berlin amsterdam dubai
`);

export const NAME_EXCLUSIONS: ReadonlySet<string> = new Set([
  ...CHAT_WORDS,
  ...BRANDS,
  ...PLACES,
  ...MONTHS.keys(),
  ...WEEKDAYS.keys(),
]);
