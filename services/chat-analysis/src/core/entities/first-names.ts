import { wordList } from './word-list.js';

/**
 * Common given names, folded with foldKey ("Ayşe" and "Ayse" are one entry). Used with cues, not
 * alone: a capitalised known name counts as a person, and a capitalised word after one as a surname.
 */
const TURKISH_MALE = wordList(`
  abdulkadir abdullah adem ahmet ahmetcan alper alperen ali anil arda atakan baris batuhan bayram bekir berk
  berkant berkay bilal bora bulent burak cagatay cagri can cem cemal cengiz cenk cihan davut doruk dursun efe
  ege egemen ekin ekrem emin emir emrah emre enes engin enver eray ercan erdal erdem eren erhan erkan erol ersin
  ertugrul esat faruk fatih ferhat ferit fikret furkan gokhan goksel gurkan hakan halil haluk hamza harun hasan
  hikmet hilmi huseyin ibrahim ilhan ilker irfan ismail ismet kaan kadir kagan kamil kazim kemal kenan kerem
  koray korkut kubilay levent mahmut mazhar mehmet melih mert mesut metin mirac mithat mucahit muhammed muhammet
  muharrem murat mustafa nazim necati necdet nevzat nihat nuri oguz oguzhan okan omer onur orhan osman ozan
  ozcan ozgur ozkan poyraz ramazan rasim recep resul riza sabri sadik salih sami savas sedat selcuk selim semih
  sercan serdar serhat serkan sertac seref sinan sukru suleyman tahir talha tamer taner tarik tayfun tekin tevfik
  tolga tuna tuncay tuncer turgut ufuk ugur umit umut vedat veli volkan yakup yalcin yasar yasin yavuz yener yigit
  yucel yunus yusuf zafer zeki zekeriya
`);

const TURKISH_FEMALE = wordList(`
  ada asli asya aylin aysel ayse aysun azra bahar banu basak belgin beren beril berna betul birsen burcu buse
  busra canan cansu ceren cigdem damla defne derya didem dilara dilek duygu ebru ece ecrin eda ela elcin elif
  emel emine esen esin esma esra eylul ezgi fadime fatma feride filiz fulya funda gamze gizem gokce gonul gulay
  gulben gulcan gulsen gulsum hacer hale hande hatice havva hilal hulya ipek irem irmak kader kubra lale leyla
  melek melike melis meltem merve meryem mine muge nalan nazan nazli nehir neslihan nesrin nihal nilay nilufer
  nisa nur nurcan oya ozden ozge ozlem pakize pelin pinar rabia reyhan ruya saadet saliha seda selin selma semra
  sena serap serpil sevda sevgi sevil sevim seyma sibel simge sinem songul sude sukran sultan tansu tuana tuba
  tugba tulay tulin ulku yagmur yaren yasemin yeliz yesim yildiz zehra zerrin zeynep zuhal zumrut
`);

const ENGLISH_MALE = wordList(`
  aaron adam alan albert alex alexander andrew anthony arthur austin ben benjamin billy bobby brandon brian bruce
  bryan carl charles chris christian christopher daniel david dennis donald douglas dylan edward elijah eric
  ethan eugene frank gabriel gary george gerald gregory harold henry jack jacob james jason jeffrey jeremy jerry
  jesse joe john jonathan jordan jose joseph joshua juan justin keith kenneth kevin kyle larry lawrence liam logan
  lucas mark mason matthew michael mike nathan nicholas nick noah oliver patrick paul peter philip ralph randy
  raymond richard robert roger ronald roy russell ryan sam samuel scott sean stephen steven terry thomas timothy
  tom tyler vincent walter wayne william zachary
`);

const ENGLISH_FEMALE = wordList(`
  abigail alice amanda amber amy andrea angela ann anna ashley barbara betty brenda brittany carol carolyn
  catherine charlotte cheryl chloe christina christine cynthia danielle deborah debra denise diana diane donna
  doris dorothy elizabeth emily emma evelyn frances gloria grace hannah heather helen isabella jacqueline jane
  janet janice jean jennifer jessica joan joyce judith judy julia julie karen kate katherine kathleen kathryn
  kayla kelly kimberly laura lauren linda lisa lori lucy madison margaret maria marie marilyn martha mary megan
  melissa mia michelle nancy natalie nicole olivia pamela patricia rachel rebecca ruth samantha sandra sara sarah
  sharon shirley sophia stephanie susan teresa theresa victoria virginia
`);

/**
 * Names that are also everyday words ("Umut" hope, "Deniz" sea, "Adam" man in Turkish, "Mark",
 * "Grace"); they count only with a cue ("ben Umut", "Deniz Hanım") or with a surname after them.
 */
export const AMBIGUOUS_NAMES: ReadonlySet<string> = new Set(
  wordList(`
    ada adam amber asya bahar baris basak ben bora can christian cigdem damla defne deniz dilek doruk duygu ece
    ege ekin ela emel emir engin erdem esin eylul ezgi frank gamze gizem gonul grace hale hikmet hilal ipek irmak
    jack jean jordan kader lale mark melek mine nazli nehir nick onur ozan ozgur pinar poyraz reyhan ruya saadet
    savas sevda sevgi simge sultan tuna ugur umit umut virginia volkan yagmur yavuz yigit yildiz zafer zumrut
  `),
);

export const FIRST_NAMES: ReadonlySet<string> = new Set([
  ...TURKISH_MALE,
  ...TURKISH_FEMALE,
  ...ENGLISH_MALE,
  ...ENGLISH_FEMALE,
  ...AMBIGUOUS_NAMES,
]);
