#include "scrambledlocalpart.h"

#include "displayname.h"
#include "editdistance.h"
#include "memo.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace th::analysis {
namespace {

// Per-letter means (natural log) at which each measure gives 0, and how far below it reaches 1.
// Measured on the model: real local parts of the list archives have an order gain above -1.0 and a
// log-likelihood above -4.05, but for one random-looking "jcmvbkbc" (-2.1, -5.9); the Qakbot
// examples have gains of -1.2 .. -1.7; uniformly random letters a median likelihood of -4.8.
// So 0.5 falls at a gain of -1.05 and at a likelihood of -4.3.
constexpr double GainAtZero = -0.45;
constexpr double GainSpan = 1.2;
constexpr double LikelihoodAtZero = -3.5;
constexpr double LikelihoodSpan = 1.6;
constexpr std::size_t MinLetters = 8;     // spec A10 default
constexpr std::size_t MinWordLength = 4;  // spec A10: "no dictionary token"
constexpr double AnagramOverlap = 0.7;    // spec A10 defaults
constexpr double AnagramSimilarity = 0.4;
constexpr double Smoothing = 0.5;         // add-k for the bigram and unigram estimates
constexpr double BackoffWeight = 3.0;     // a trigram context seen n times is trusted n / (n + 3)

// Not tuned to any corpus: frequency-list English, mailbox role words, and common given names and
// surnames by language, written out by hand. Lower case ASCII, one space between words.
constexpr const char Words[] =
    // Frequent English words (the head of a frequency list)
    "the and that have for not with you this but his from they say her she will one all would there their "
    "what out about who get which when make can like time just him know take people into year your good some "
    "could them see other than then now look only come its over think also back after use two how our work "
    "first well way even new want because any these give day most us "
    // More everyday English vocabulary
    "about above across act action add address age ago agree air all allow almost alone along already always "
    "among amount animal answer anyone anything appear apply area arm army around arrive art article ask "
    "attack attention available away baby bad bag ball bank bar base bear beat beautiful become bed before "
    "begin behavior behind believe benefit best better between beyond big bill billion bird black blood blue "
    "board body book born both box boy break bring brother budget build building business buy call camera "
    "campaign cancer candidate capital card care career carry case catch cause cell center central century "
    "certain chair challenge chance change character charge check child choice choose church citizen city "
    "civil claim class clear close coach cold collection college color commercial common community company "
    "compare computer concern condition conference consider consumer contain continue control cost country "
    "couple course court cover create crime cultural culture cup current customer cut dark data daughter dead "
    "deal death debate decade decide decision deep defense degree democrat describe design despite detail "
    "determine develop development die difference different difficult dinner direction director discover "
    "discuss discussion disease doctor dog door down draw dream drive drop drug during each early east easy "
    "economic economy edge education effect effort eight either election else employee end energy enjoy "
    "enough enter entire environment especially establish evening event ever every everybody everyone "
    "everything evidence exactly example executive exist expect experience expert explain eye face fact "
    "factor fail fall family far fast father fear federal feel feeling few field fight figure fill film final "
    "finally financial find fine finger finish fire firm fish five floor fly focus follow food foot force "
    "foreign forget form former forward four free friend front full fund future game garden gas general "
    "generation girl glass goal green ground group grow growth guess gun guy hair half hand hang happen happy "
    "hard head health hear heart heat heavy help here herself high himself history hit hold home hope "
    "hospital hot hotel hour house however huge human hundred husband idea identify image imagine impact "
    "important improve include including increase indeed indicate individual industry information inside "
    "instead institution interest interesting international interview investment issue item itself job join "
    "keep key kid kill kind kitchen knowledge land language large last late later laugh law lawyer lay lead "
    "leader learn least leave left leg legal less let letter level lie life light likely line list listen "
    "little live local long lose loss lot love low machine magazine main maintain major majority manage "
    "management manager many market marriage material matter maybe mean measure media medical meet meeting "
    "member memory mention message method middle might military million mind minute miss mission model modern "
    "moment money month more morning mother mouth move movement movie much music must myself name nation "
    "national natural nature near nearly necessary need network never news newspaper next nice night none "
    "north note nothing notice number occur offer office officer official often oil old once open operation "
    "opportunity option order organization others outside owner page pain painting paper parent part "
    "participant particular particularly partner party pass past patient pattern pay peace per perform "
    "performance perhaps period person personal phone physical pick picture piece place plan plant play "
    "player point police policy political politics poor popular population position positive possible power "
    "practice prepare present president pressure pretty prevent price private probably problem process "
    "produce product production professional professor program project property protect prove provide public "
    "pull purpose push put quality question quickly quite race radio raise range rate rather reach read ready "
    "real reality realize really reason receive recent recently recognize record red reduce reflect region "
    "relate relationship religious remain remember remove report represent require research resource respond "
    "response rest result return reveal rich right rise risk road rock role room rule run safe same save "
    "scene school science scientist score sea season seat second section security seek seem sell send senior "
    "sense series serious serve service set seven several shake share shoot short shot should shoulder show "
    "side sign significant similar simple simply since sing single sister sit site situation six size skill "
    "skin small smile social society soldier somebody someone something sometimes son song soon sort sound "
    "source south southern space speak special specific speech spend sport spring staff stage stand standard "
    "star start state statement station stay step still stock stop store story strategy street strong "
    "structure student study stuff style subject success successful such suddenly suffer suggest summer "
    "support sure surface system table talk task tax teach teacher team technology television tell ten tend "
    "term test thank themselves theory thing third those though thought thousand threat three through "
    "throughout throw thus today together tonight too top total tough toward town trade traditional training "
    "travel treat treatment tree trial trip trouble true truth try turn under understand unit until upon "
    "usually value various very victim view violence visit voice vote wait walk wall war watch water weapon "
    "wear week weight west western whatever whether while white whole whom whose why wide wife win wind "
    "window wish within without woman wonder word worker world worry write writer wrong yard yeah yes yet "
    "young yourself "
    // Role mailboxes and technical words common in local parts
    "account admin administrator alert alerts apple archive auto billing board bounce bugs build calendar "
    "cloud contact contacts daemon delivery desk dev devel developer digest docs domain download email "
    "feedback finance general hello help helpdesk hostmaster info inbox invoice invoices jobs kernel linux "
    "list lists mail mailer mailing manager marketing master member members newsletter noreply notification "
    "notifications office order orders owner patch patches payment payments postmaster press privacy reply "
    "request robot root sales security server service services shop store subscribe support system team tech "
    "test tracker update updates user users webmaster welcome "
    // English given names (male)
    "james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony "
    "mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey "
    "ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory "
    "alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary "
    "peter kyle noah ethan jeremy walter christian keith roger terry austin sean gerald carl harold dylan "
    "arthur lawrence jordan jesse bryan billy bruce gabriel joe logan albert willie alan eugene russell "
    "vincent philip bobby johnny bradley roy ralph louis randy wayne howard harry martin oliver simon neil "
    "colin graham ian stuart "
    // English given names (female)
    "mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret "
    "sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca "
    "sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine "
    "christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia "
    "victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria "
    "teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris "
    "marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori jane "
    "claire lucy sophie chloe rose ellen "
    // German given names
    "hans klaus peter wolfgang jurgen juergen dieter uwe gunter horst werner helmut stefan thomas andreas "
    "michael markus matthias christian sebastian tobias florian johannes maximilian lukas felix jonas leon "
    "paul niklas moritz philipp tim jan finn heinz karl friedrich wilhelm ernst otto fritz gerhard rainer "
    "bernd ralf frank holger sven torsten dirk jens kai ulrich manfred norbert reinhard joachim volker detlef "
    "martina sabine petra monika claudia susanne andrea birgit heike katrin kerstin anja silke ursula ingrid "
    "renate gisela brigitte elke karin angelika hannelore ute "
    // French given names
    "jean pierre michel philippe alain nicolas christophe patrick francois laurent frederic eric olivier "
    "thierry pascal julien sebastien guillaume antoine mathieu vincent jerome yves bernard gerard jacques "
    "daniel remi benoit emmanuel thibault maxime hugo lucas louis arthur mathis nathalie isabelle sylvie "
    "catherine sandrine valerie christine veronique celine stephanie aurelie camille manon chloe lea ines "
    "juliette amelie margaux elodie "
    // Spanish and Portuguese given names
    "jose antonio manuel francisco juan luis carlos javier miguel angel rafael pedro jesus alejandro fernando "
    "sergio pablo jorge alberto diego mario ricardo andres eduardo raul enrique oscar ramon alvaro adrian "
    "ruben ivan victor hector gonzalo santiago mateo carmen dolores isabel josefa rosa cristina lucia pilar "
    "mercedes paula elena raquel silvia beatriz marta sofia valentina camila daniela gabriela lorena "
    "alejandra "
    // Italian given names
    "giuseppe giovanni francesco antonio mario luigi roberto stefano marco andrea alessandro massimo paolo "
    "claudio fabio davide matteo lorenzo luca riccardo simone federico giorgio enrico salvatore vincenzo "
    "pietro emanuele alessia giulia chiara francesca federica silvia valentina elisa martina sara laura "
    "simona "
    // Dutch given names
    "jan piet kees henk dirk willem gerrit johan hendrik jeroen pieter bart sander niels ruud bas wouter "
    "thijs daan sem bram joost maarten koen geert lieve anke ingrid femke sanne lotte "
    // Nordic given names
    "lars anders erik nils olof per johan magnus henrik mikael fredrik gustav karl oskar bjorn ole jens niels "
    "soren mads rasmus kristian morten jonas leif arne sven astrid ingrid karin birgitta kerstin sigrid freja "
    "maja elsa linnea sanna "
    // Russian given names (romanised)
    "ivan dmitry dmitri sergey sergei alexey alexei andrey andrei vladimir nikolai mikhail pavel yuri oleg "
    "igor boris anatoly viktor roman denis maxim artem kirill konstantin evgeny yevgeny grigory stanislav "
    "vadim vasily natalia olga tatiana svetlana irina elena ekaterina anastasia yulia marina galina ludmila "
    "vera nadezhda "
    // Polish given names
    "piotr pawel krzysztof tomasz jakub marcin lukasz michal mateusz kamil wojciech bartosz grzegorz zbigniew "
    "andrzej jerzy tadeusz stanislaw kazimierz agnieszka katarzyna malgorzata joanna magdalena dorota ewa "
    "barbara zofia jadwiga "
    // Czech and South Slavic given names
    "jiri petr josef pavel milan zdenek miroslav frantisek vaclav jaroslav tomas lukas martin ondrej radek "
    "vladimir ales bostjan janez marko luka nikola stefan dragan goran zoran milos dusan mirko branko ana "
    "ivana milena jelena marija "
    // Turkish given names
    "mehmet mustafa ahmet ali huseyin hasan ibrahim ismail yusuf osman murat emre burak fatma ayse emine "
    "hatice zeynep elif "
    // Arabic given names (romanised)
    "mohammed muhammad ahmed mahmoud omar abdullah khalid hassan hussein yousef tariq karim samir nabil "
    "rashid fatima aisha maryam layla noor zainab "
    // Indian given names
    "rahul amit sanjay rajesh suresh ramesh vijay anil sunil ashok deepak manoj rakesh sandeep vikram arjun "
    "arun ravi krishna ganesh prakash naveen srinivas venkat kumar raj anand ajay abhishek akash ankit gaurav "
    "nikhil pradeep rohit sachin saurabh vivek priya pooja neha anjali divya kavita lakshmi meera sunita "
    "deepa shreya swati "
    // Chinese syllables and names (pinyin)
    "wei jing ming hua jian jun ling li yan hong xiao mei hui lan qing ping yong zhi xin yu yi jie hao jia "
    "chen yang zhang wang liu zhao huang zhou zhu xu sun ma hu guo he gao lin luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong pan yuan cai jiang lu wei xue ye yan du qian wu tan shen fang "
    "lei kang qiu jin gu meng bai xiong ren long hou duan zhong jiao yao qin shi zhong yang ning chun feng "
    "gang tao bo kai hai bin fei qi xiang wen yun "
    // Japanese given names and surnames (Hepburn)
    "hiroshi takeshi kenji yuki akira satoshi kazuki haruto yuto sota riku daiki kenta shota takumi naoki "
    "yusuke kouta hiroki masato tsuyoshi yoshi ichiro taro jiro hanako yoko keiko akiko yumiko naoko tomoko "
    "sakura aoi hina yui mei haruka misaki ayaka nanami suzuki tanaka watanabe ito yamamoto nakamura "
    "kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe "
    "ikeda hashimoto ishikawa ogawa okada maeda fujita goto "
    // Korean syllables and surnames (revised romanisation)
    "minjun seojun dohyun jiho junwoo hyun sung joon jung young soo ho min ji hye eun kyung seo yeon woo jin "
    "kim lee park choi jeong kang cho yoon jang lim han shin oh seo kwon hwang ahn song yoo hong jeon ko moon "
    "yang son bae baek heo nam "
    // English surnames
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez "
    "wilson anderson taylor moore jackson martin thompson white harris sanchez clark ramirez lewis robinson "
    "walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera "
    "campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes "
    "stewart morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly "
    "howard ramos kim cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes "
    "price alvarez castillo sanders patel myers long ross foster jimenez powell jenkins perry russell "
    "sullivan bell coleman butler henderson barnes gonzales fisher vasquez simmons romero jordan patterson "
    "alexander hamilton graham reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis "
    "tran medina aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods "
    "washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson "
    "porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black "
    "robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols "
    "stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce hansen peters "
    "santos hart bradley knight elliott cunningham duncan armstrong hudson carroll lane riley andrews ray "
    "berry perkins hoffman johnston matthews pena richards willis carpenter lawrence sandoval "
    // German surnames
    "muller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann schafer koch bauer "
    "richter klein wolf schroder neumann schwarz zimmermann braun kruger hofmann hartmann lange schmitt "
    "werner krause meier lehmann schmid schulze maier kohler herrmann konig walter mayer huber kaiser fuchs "
    "peters lang scholz moller weiss jung hahn vogel friedrich keller gunther frank berger winkler roth beck "
    "lorenz baumann franke albrecht schuster simon ludwig bohm winter kraus martin schumacher kramer vogt "
    "stein jager otto sommer gross seidel heinrich brandt haas schreiber graf schulte dietrich ziegler kuhn "
    // French surnames
    "martin bernard dubois thomas robert richard petit durand leroy moreau simon laurent lefebvre michel "
    "garcia david bertrand roux vincent fournier morel girard andre lefevre mercier dupont lambert bonnet "
    "francois martinez legrand garnier faure rousseau blanc guerin muller henry roussel nicolas perrin morin "
    "mathieu clement gauthier dumont lopez fontaine chevalier robin masson "
    // Italian surnames
    "rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti deluca mancini "
    "costa giordano rizzo lombardi moretti barbieri fontana santoro mariani rinaldi caruso ferrara galli "
    "martini leone longo gentile martinelli vitale lombardo serra coppola desantis marchetti parisi villa "
    "conte ferraro "
    // Dutch surnames
    "devries jansen vandenberg bakker visser smit meijer mulder bos vos peters hendriks dekker vanleeuwen "
    "dijkstra jacobs vermeulen willems "
    // Polish surnames
    "nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski "
    "kozlowski jankowski mazur kwiatkowski krawczyk kaczmarek piotrowski grabowski "
    // Russian surnames (romanised)
    "ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev "
    "lebedev semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov "
    // Czech surnames
    "novak svoboda novotny dvorak cerny prochazka kucera vesely horak nemec pokorny "
    // Nordic surnames
    "andersson johansson karlsson nilsson eriksson larsson olsson persson svensson gustafsson pettersson "
    "jensen nielsen hansen pedersen andersen christensen larsen sorensen rasmussen johansen olsen berg lund "
    // Turkish surnames
    "yilmaz kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic "
    // Indian surnames
    "singh kumar sharma gupta shah mehta patil reddy rao nair iyer menon pillai verma agarwal joshi jain "
    "chopra malhotra kapoor banerjee chatterjee mukherjee das bose ghosh sen dutta roy chakraborty mishra "
    "pandey tiwari yadav "
    // Vietnamese surnames
    "nguyen tran le pham hoang phan vu dang bui do ho ngo duong ly "
    // Hebrew surnames
    "cohen levi mizrahi peretz biton friedman katz "
    ;

// Symbols: 0 is the start of a token, 1..26 are 'a'..'z', 27 is its end.
constexpr int Start = 0, End = 27, Symbols = 28;

int symbol(char c)
{
    return c - 'a' + 1;
}

std::vector<std::string_view> wordList()
{
    std::vector<std::string_view> words;
    const std::string_view all(Words);
    for (std::size_t pos = 0; pos < all.size();) {
        const std::size_t end = std::min(all.find(' ', pos), all.size());
        if (end > pos)
            words.push_back(all.substr(pos, end - pos));
        pos = end + 1;
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end()); // names recur across languages
    return words;
}

// Occurrences of each symbol, pair and triple, and of each one- and two-symbol context.
struct Counts {
    std::array<double, Symbols> unigram{}, bigramContext{};
    std::array<double, Symbols * Symbols> bigram{}, trigramContext{};
    std::vector<double> trigram = std::vector<double>(Symbols * Symbols * Symbols);

    void add(std::string_view word)
    {
        int a = Start, b = Start;
        for (std::size_t i = 0; i <= word.size(); ++i) {
            const int c = i < word.size() ? symbol(word[i]) : End;
            unigram[c] += 1;
            bigramContext[b] += 1;
            bigram[b * Symbols + c] += 1;
            trigramContext[a * Symbols + b] += 1;
            trigram[std::size_t((a * Symbols + b) * Symbols + c)] += 1;
            a = std::exchange(b, c);
        }
    }
};

double smoothed(double count, double total)
{
    return (count + Smoothing) / (total + Smoothing * (Symbols - 1)); // Start never follows
}

struct Model {
    std::unordered_set<std::string_view> dictionary;
    std::vector<float> logP;                   ///< [a][b][c]: log P(c | a b)
    std::array<float, Symbols> logUnigram{};   ///< log P(c), whatever comes before

    [[nodiscard]] float at(int a, int b, int c) const { return logP[std::size_t((a * Symbols + b) * Symbols + c)]; }
};

// Interpolates the trigram estimate with the smoothed bigram one by how often the context was seen.
double trigramProbability(const Counts &n, int a, int b, int c)
{
    const double context = n.trigramContext[a * Symbols + b];
    const double lambda = context / (context + BackoffWeight);
    const double tri = context > 0 ? n.trigram[std::size_t((a * Symbols + b) * Symbols + c)] / context : 0.0;
    return lambda * tri + (1 - lambda) * smoothed(n.bigram[b * Symbols + c], n.bigramContext[b]);
}

Model buildModel()
{
    Model m;
    Counts n;
    for (const std::string_view w : wordList()) {
        n.add(w);
        if (w.size() >= MinWordLength)
            m.dictionary.insert(w);
    }
    double total = 0;
    for (const double u : n.unigram)
        total += u;
    for (int c = 1; c < Symbols; ++c)
        m.logUnigram[c] = float(std::log(smoothed(n.unigram[c], total)));
    m.logP.resize(std::size_t(Symbols * Symbols * Symbols));
    for (int a = 0; a < Symbols; ++a)
        for (int b = 0; b < Symbols; ++b)
            for (int c = 1; c < Symbols; ++c)
                m.logP[std::size_t((a * Symbols + b) * Symbols + c)] = float(std::log(trigramProbability(n, a, b, c)));
    return m;
}

const Model &model()
{
    static const Model m = buildModel(); // built once, read-only afterwards
    return m;
}

struct Mean {
    double sum = 0;
    int count = 0;
    [[nodiscard]] double value() const { return count ? sum / count : 0.0; }
    void add(const Mean &other) { sum += other.sum, count += other.count; }
};

// How a token reads under the model, per letter: its log-likelihood, and that minus the
// log-likelihood of the same letters in any order (the information its order carries).
struct Fit {
    Mean likelihood, gain;
};

Fit fitOf(std::string_view token)
{
    const Model &m = model();
    Fit f;
    int a = Start, b = Start;
    for (std::size_t i = 0; i <= token.size(); ++i) {
        const int c = i < token.size() ? symbol(token[i]) : End;
        f.likelihood.add({m.at(a, b, c), 1});
        f.gain.add({m.at(a, b, c) - m.logUnigram[c], 1});
        a = std::exchange(b, c);
    }
    return f;
}

// Local parts often start with initials ("mjrosato", "vschneid") that no name model explains:
// the best reading with up to two leading letters left out counts, for each measure.
Fit bestFit(std::string_view token)
{
    Fit best = fitOf(token);
    for (std::size_t skip = 1; skip <= 2 && token.size() >= skip + MinWordLength; ++skip) {
        const Fit f = fitOf(token.substr(skip));
        if (f.likelihood.value() > best.likelihood.value())
            best.likelihood = f.likelihood;
        if (f.gain.value() > best.gain.value())
            best.gain = f.gain;
    }
    return best;
}

Fit fitOf(const std::vector<std::string> &tokens)
{
    Fit all;
    for (const std::string &t : tokens) {
        if (t.size() < 2)
            continue; // a lone initial says nothing
        const Fit f = bestFit(t);
        all.likelihood.add(f.likelihood);
        all.gain.add(f.gain);
    }
    return all;
}

// Two ways to be unlike any name: letters in an order no name has (a scrambled name, Qakbot's
// kind), or letters rarely seen together at all (keyboard mash, "bcdfghjkl").
double modelScore(const std::vector<std::string> &tokens)
{
    const Fit f = fitOf(tokens);
    const double order = (GainAtZero - f.gain.value()) / GainSpan;
    const double rarity = (LikelihoodAtZero - f.likelihood.value()) / LikelihoodSpan;
    return std::clamp(std::max(order, rarity), 0.0, 1.0);
}

bool containsWord(const std::string &token)
{
    const Model &m = model();
    const std::string_view t(token);
    for (std::size_t i = 0; i + MinWordLength <= t.size(); ++i)
        for (std::size_t len = MinWordLength; i + len <= t.size(); ++len)
            if (m.dictionary.contains(t.substr(i, len)))
                return true;
    return false;
}

// Hashes, ids and base64 (gmane's "vpEMnDpepFuMZCB2o"): digits inside, or case changing inside twice.
bool isMachineToken(QStringView token)
{
    int upturns = 0;
    for (qsizetype i = 1; i < token.size(); ++i)
        upturns += token[i - 1].isLower() && token[i].isUpper();
    return upturns >= 2 || std::any_of(token.cbegin(), token.cend(), [](QChar c) { return c.isDigit(); });
}

// Tokens between separators ('.', '_', '-', '+', ...), without trailing digits ("john1984").
QList<QStringView> separatedTokens(QStringView s)
{
    QList<QStringView> out;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= s.size(); ++i) {
        if (i < s.size() && s[i].isLetterOrNumber())
            continue;
        QStringView token = s.mid(start, i - start);
        while (!token.isEmpty() && token.back().isDigit())
            token.chop(1);
        if (!token.isEmpty())
            out.append(token);
        start = i + 1;
    }
    return out;
}

std::string asciiLetters(QStringView text)
{
    std::string out;
    const QString spelling = DisplayName::romanisations(text).constFirst();
    for (const QChar c : spelling)
        if (c >= u'a' && c <= u'z')
            out += char(c.unicode());
    return out;
}

std::vector<std::string> letterTokens(QStringView localPart)
{
    std::vector<std::string> out;
    for (const QStringView token : separatedTokens(localPart.first(std::min<qsizetype>(localPart.size(), 128)))) {
        if (std::string letters = asciiLetters(token); !isMachineToken(token) && !letters.empty())
            out.push_back(std::move(letters));
    }
    return out;
}

std::string concatenated(const std::vector<std::string> &tokens)
{
    std::string out;
    for (const std::string &t : tokens)
        out += t;
    return out;
}

bool sharesRun(const std::string &letters, const std::string &name)
{
    for (std::size_t i = 0; i + MinWordLength <= letters.size(); ++i)
        if (name.find(std::string_view(letters).substr(i, MinWordLength)) != std::string::npos)
            return true;
    return false;
}

std::string consonants(std::string s)
{
    std::erase_if(s, [](char c) { return std::string_view("aeiouy").find(c) != std::string_view::npos; });
    return s;
}

// The address is built from the name, even in ways DisplayName::matchesLocalPart() does not list.
bool explainedByName(QStringView localPart, const std::string &letters, QStringView displayName)
{
    if (DisplayName::matchesLocalPart(displayName, localPart))
        return true;
    const QStringList spellings = DisplayName::romanisations(DisplayName::normalise(displayName));
    return std::any_of(spellings.cbegin(), spellings.cend(), [&](const QString &spelling) {
        const std::string name = asciiLetters(spelling);
        const std::string backwards(name.crbegin(), name.crend()); // "raasdnil" for Mikel Lindsaar (mime-torture)
        return sharesRun(letters, name) || sharesRun(letters, backwards)
            || (name.size() >= MinLetters && consonants(name) == letters);
    });
}

// Share of the local part's letters also found in the name (as a multiset).
double letterOverlap(const std::string &letters, const std::string &name)
{
    std::array<int, 26> available{};
    for (const char c : name)
        ++available[std::size_t(c - 'a')];
    std::size_t shared = 0;
    for (const char c : letters)
        shared += available[std::size_t(c - 'a')]-- > 0;
    return letters.empty() ? 0.0 : double(shared) / double(letters.size());
}

double similarity(const std::string &a, const std::string &b)
{
    const double longer = double(std::max(a.size(), b.size()));
    const int d = EditDistance::damerauLevenshtein(QString::fromLatin1(a), QString::fromLatin1(b));
    return longer > 0 ? 1.0 - d / longer : 1.0;
}

// Spec A10's anagram test: the name's letters, shuffled (compared with "first last" and "last first").
bool looksLikeAnagram(const std::string &letters, QStringView displayName)
{
    QStringList tokens = DisplayName::normalise(displayName).split(u' ', Qt::SkipEmptyParts);
    const std::string forward = asciiLetters(tokens.join(QString()));
    std::reverse(tokens.begin(), tokens.end());
    const std::string backward = asciiLetters(tokens.join(QString()));
    return letterOverlap(letters, forward) >= AnagramOverlap
        && std::max(similarity(letters, forward), similarity(letters, backward)) < AnagramSimilarity;
}

// A shuffle of the name's own letters keeps their statistics, and often holds a short word by chance: the
// anagram itself is the evidence. A run shared with the name still explains it ("egorenar").
double scoreUncached(QStringView localPart, QStringView displayName)
{
    const std::vector<std::string> tokens = letterTokens(localPart);
    const std::string letters = concatenated(tokens);
    if (letters.size() < MinLetters)
        return 0.0;
    const bool named = !displayName.isEmpty();
    const bool hasWord = std::any_of(tokens.cbegin(), tokens.cend(), containsWord);
    if (hasWord && !(named && looksLikeAnagram(letters, displayName)))
        return 0.0;
    if (named && explainedByName(localPart, letters, displayName))
        return 0.0;
    const double s = modelScore(tokens);
    const bool anagram = named && (hasWord || looksLikeAnagram(letters, displayName)); // a word got here as an anagram
    return anagram ? std::clamp(s + ScrambledLocalPart::AnagramBonus, ScrambledLocalPart::Threshold, 1.0) : s;
}

} // namespace

// A list's senders write many messages each: the score is computed once per sender.
double ScrambledLocalPart::score(QStringView localPart, QStringView displayName)
{
    return Memo::of<3>({localPart, displayName}, [localPart, displayName] { return scoreUncached(localPart, displayName); });
}

bool ScrambledLocalPart::isScrambled(QStringView localPart, QStringView displayName)
{
    return score(localPart, displayName) >= Threshold;
}

bool ScrambledLocalPart::isAnagram(QStringView localPart, QStringView displayName)
{
    const std::string letters = concatenated(letterTokens(localPart));
    return letters.size() >= MinLetters && !displayName.isEmpty() && looksLikeAnagram(letters, displayName);
}

} // namespace th::analysis
