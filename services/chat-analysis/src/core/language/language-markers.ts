/**
 * Words that mark a chat as Turkish or English. Turkish words are stored folded (see foldKey) because
 * customers often type without Turkish letters ("siparisim nerede"); English words are stored as
 * lower-cased text and matched without folding, so "iş" (folds to "is") is never read as English.
 * Words common to both languages or ambiguous between them ("ok", "on", "her", "son") are left out.
 */

export const TURKISH_WORDS: ReadonlySet<string> = new Set(
  `
  ve veya ile bir bu su da de ki mi mu ne ama fakat ancak cok daha gibi icin kadar hala halen hep hic
  ben beni bana benim sen seni sana senin siz sizi size sizin sizden biz bizi bize bizim onu ona onun
  var yok degil degilim evet hayir yani zaten bile artik sadece hemen neden niye nasil nerede nerde
  neresi hangi hangisi kim kac zaman simdi sonra once bugun yarin dun gun gundur hafta ay yil
  merhaba merhabalar selam slm mrb iyi gunler aksamlar kolay gelsin tesekkurler tesekkur ederim
  tesekkurederim tsk tskler sagol sagolun lutfen rica tamam tmm peki olur oldu olmadi
  acaba bilgi yardimci yardim musteri hizmetleri hizmet temsilci siparis siparisim siparisimi siparisimin
  siparisi kargo kargom kargoya kargoda kargonun kargocu urun urunu urunun urunler iade iadesi iptal
  degisim fatura faturasi odeme odemem kart kartim kartimdan para param ucret ucreti adres adresim
  adresime teslim teslimat gelmedi geldi gelecek gelir gelmiyor istiyorum istiyoruz isterim
  istedim yaptim aldim verdim etmek etmedi edildi edilmedi misiniz musunuz miyim muyum midir mudur
  beyefendi hanimefendi bey hanim abi abla hocam ediyorum ediyor yapabilir yapabilirim olabilir
  olacak numarasi numaram takip no numara beden renk stok stokta indirim kampanya kupon taksit
  rezalet berbat maalesef malesef cunku eger herhangi hicbir bazi baska diger yeni eski ayni
  `
    .trim()
    .split(/\s+/),
);

export const ENGLISH_WORDS: ReadonlySet<string> = new Set(
  `
  the a an is are was were be been being am i i'm im i've ive my mine me you you're your yours we our us
  they their them it its it's this that these those to of and or for in at with from by about into
  not no never don't dont didn't didnt doesn't can't cannot won't have has had do does did can could
  would will should shall may might must please pls thanks thank thx hello hi hey dear sir madam
  where when what why how which who whom there here still yet just already get got getting received
  receive order ordered orders package parcel delivery delivered deliver shipping shipped shipment
  refund refunded return returned returning cancel cancelled canceled item items product products
  money account card payment paid charged twice week weeks day days today yesterday tomorrow
  but if so any some all very really too also again want wanted need needed help like
  broken damaged wrong missing size color colour stock available discount coupon invoice address
  change exchange arrive arrived problem issue customer service support team waiting wait since
  terrible awful great good bad nice perfect happy unhappy disappointed yes yeah
  `
    .trim()
    .split(/\s+/),
);

/** Turkish inflections that English words rarely end with, in folded form. */
export const TURKISH_ENDINGS =
  /(?:iyor|iyorum|iyoruz|uyor|uyorum|miyor|madi|medi|madim|medim|mistim|misiniz|musunuz|abilir|ebilir|acak|ecek|acagim|ecegim|lari|leri|larim|lerim|imiz|umuz|iniz|unuz|dan|den|yla|yle|sini|sunu|yi|yu)$/;

/** English inflections and letter pairs that Turkish words rarely contain. */
export const ENGLISH_ENDINGS = /(?:ing|tion|tions|ed|ly|ness|ment|ments|ould|ough)$/;
export const ENGLISH_LETTERS = /[wqx]|th|sh|ck|ee|oo/;

/** Letters found in Turkish and not in English; ğ ş ı İ cannot be anything else in this service. */
export const TURKISH_ONLY_LETTERS = /[ğĞşŞıİ]/;
export const TURKISH_SHARED_LETTERS = /[çÇöÖüÜ]/;
